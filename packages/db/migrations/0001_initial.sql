-- Users, server-side sessions, documents and their members.
-- Statements are separated by a line holding only "-- statement" so the
-- migrator can run them one by one on drivers without multi-statement queries.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- statement
CREATE UNIQUE INDEX users_email_key ON users (email);
-- statement
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  refresh_token_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
-- statement
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
-- statement
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  language text NOT NULL,
  size_bytes integer NOT NULL DEFAULT 0,
  content_saved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- statement
CREATE INDEX documents_owner_id_idx ON documents (owner_id);
-- statement
CREATE TABLE document_members (
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, user_id)
);
-- statement
CREATE INDEX document_members_user_id_idx ON document_members (user_id);
