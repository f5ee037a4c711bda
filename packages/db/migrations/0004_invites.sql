-- Invite links to a project (DESIGN "Projects"). Only the SHA-256 of the token
-- is stored: a database leak yields no usable link. Depends on 0002 only.
CREATE TABLE project_invites (
  id uuid PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  token_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('editor', 'viewer')),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  use_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- statement
CREATE INDEX project_invites_project_id_idx ON project_invites (project_id);
