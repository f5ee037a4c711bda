-- Projects (a tree of files, each file a document), their members, and the
-- outbox through which committed access and tree changes reach the bus.
CREATE TABLE projects (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- Incremented by every change to the tree; clients that see a gap refetch it.
  tree_version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- statement
CREATE INDEX projects_owner_id_idx ON projects (owner_id);
-- statement
CREATE TABLE project_members (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);
-- statement
CREATE INDEX project_members_user_id_idx ON project_members (user_id);
-- statement
-- A project file is a document that knows its project: access checks join on it,
-- and GET /api/documents lists only documents without one (standalone).
ALTER TABLE documents ADD COLUMN project_id uuid REFERENCES projects (id) ON DELETE CASCADE;
-- statement
CREATE INDEX documents_project_id_idx ON documents (project_id);
-- statement
CREATE TABLE project_entries (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  path text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('file', 'folder')),
  document_id uuid UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, path),
  CHECK ((kind = 'file') = (document_id IS NOT NULL))
);
-- statement
-- Events written in the same transaction as the change they announce; a
-- publisher sends them to the bus and marks them sent (at least once).
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  sent_at timestamptz
);
-- statement
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
