import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { documents, passwordResets, projects, users, type Database } from '@codesync/db';
import { ApiError, notFound } from '../errors.js';
import type { DocumentService } from './documents.js';
import type { ProjectService } from './projects.js';
import type { SessionService } from './sessions.js';
import type { UserService } from './users.js';

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 24 * 3600 * 1000;

export interface AccountServiceDeps {
  db: Database;
  users: UserService;
  sessions: SessionService;
  projects: ProjectService;
  documents: DocumentService;
}

/** Self-service on a whole account: reset links and deletion (password changes are the user service's). */
export interface AccountService {
  /** A one-time reset token for the account with this email (shown once; only its hash is kept); 404 if none. */
  createResetToken(email: string): Promise<{ token: string; userId: string; expiresAt: Date }>;
  /** Sets the password of the link's account and ends every session; 400 `reset_link_invalid` if unknown, used or expired. */
  completeReset(token: string, newPassword: string): Promise<string>;
  /**
   * Deletes the account: projects and standalone documents it owns (with every file),
   * every session (sockets close), memberships. Files it created in others' projects
   * pass to the project's owner. Returns the deleted documents' ids (storage is the caller's).
   */
  remove(userId: string): Promise<string[]>;
  /** Deletes used and expired reset links. */
  prune(): Promise<number>;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A one-time reset token for the account with this email (`pnpm admin reset-link`); 404 if there is none. */
export async function issueResetToken(db: Database, email: string): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user) throw notFound('user_not_found', 'no account with this email');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + RESET_LINK_TTL_MS);
  await db.insert(passwordResets).values({ tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, userId: user.id, expiresAt };
}

export function createAccountService({ db, users: userService, sessions, projects: projectService, documents: documentService }: AccountServiceDeps): AccountService {
  return {
    createResetToken: (email) => issueResetToken(db, email),

    async completeReset(token, newPassword) {
      // Compare-and-set: of two requests with one link, exactly one wins.
      const [used] = await db
        .update(passwordResets)
        .set({ usedAt: sql`now()` })
        .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
        .returning({ userId: passwordResets.userId });
      if (!used) throw new ApiError(400, 'reset_link_invalid', 'this reset link is unknown, used or expired; ask for a new one');
      await userService.setPassword(used.userId, newPassword);
      await sessions.revokeAllFor(used.userId);
      return used.userId;
    },

    async remove(userId) {
      await sessions.revokeAllFor(userId);
      const deleted: string[] = [];
      const owned = await db.select({ id: projects.id }).from(projects).where(eq(projects.ownerId, userId));
      for (const project of owned) deleted.push(...(await projectService.remove(project.id)));
      const standalone = await db
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.ownerId, userId), isNull(documents.projectId)));
      for (const document of standalone) {
        await documentService.remove(document.id);
        deleted.push(document.id);
      }
      await db.transaction(async (tx) => {
        // A file this user created in someone else's project stays in that project.
        await tx
          .update(documents)
          .set({ ownerId: sql`(SELECT ${projects.ownerId} FROM ${projects} WHERE ${projects.id} = ${documents.projectId})` })
          .where(and(eq(documents.ownerId, userId), isNotNull(documents.projectId)));
        // Memberships and sessions go with the row (foreign keys).
        await tx.delete(users).where(eq(users.id, userId));
      });
      return deleted;
    },

    async prune() {
      const gone = await db
        .delete(passwordResets)
        .where(or(lt(passwordResets.expiresAt, sql`now()`), isNotNull(passwordResets.usedAt)))
        .returning({ tokenHash: passwordResets.tokenHash });
      return gone.length;
    },
  };
}
