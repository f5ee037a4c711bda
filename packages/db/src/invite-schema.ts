import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects, users } from './schema.js';

// Mirrors migrations/0004_invites.sql. Kept beside schema.ts so invites stay one concept.

export const projectInvites = pgTable(
  'project_invites',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role', { enum: ['editor', 'viewer'] }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    useCount: integer('use_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('project_invites_project_id_idx').on(t.projectId)],
);
