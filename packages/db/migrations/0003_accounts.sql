-- Account self-service: one-time password reset links an operator makes
-- (`pnpm admin reset-link <email>`), and an index for pruning ended sessions.
CREATE TABLE password_resets (
  -- SHA-256 of the link's token: the token itself is shown once and never stored.
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
-- statement
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);
-- statement
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
