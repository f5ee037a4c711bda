import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { projectInvites, projectMembers, projects, type Database } from '@codesync/db';
import { higherRole, type InviteDto, type MemberRole, type Role } from '@codesync/protocol';
import { ApiError, notFound } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import { isUuid } from './documents.js';
import type { ProjectAccess } from './projects.js';

type InviteRow = typeof projectInvites.$inferSelect;

/** 32 random bytes (256 bits), base64url: what the link carries. */
const TOKEN_BYTES = 32;

export const hashInviteToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function toInviteDto(row: InviteRow): InviteDto {
  return {
    id: row.id,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    useCount: row.useCount,
  };
}

export interface InviteService {
  /** A new link; the token is returned here only (its hash is what is stored). */
  create(projectId: string, createdBy: string, role: MemberRole, expiresInHours: number): Promise<{ invite: InviteRow; token: string }>;
  /** Links that still work (not revoked, not expired), oldest first. */
  listActive(projectId: string): Promise<InviteRow[]>;
  revoke(projectId: string, inviteId: string): Promise<void>;
  /**
   * Makes the caller a member with the invite's role, or keeps a higher role
   * they hold: 404 unknown or revoked, 410 expired.
   */
  accept(token: string, userId: string): Promise<ProjectAccess>;
}

const gone = () => new ApiError(410, 'invite_expired', 'this invite link has expired: ask for a new one');
const unknownInvite = () => notFound('invite_not_found', 'this invite link is not valid (it may have been revoked)');

export function createInviteService(db: Database, outbox: Outbox): InviteService {
  return {
    async create(projectId, createdBy, role, expiresInHours) {
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const [invite] = await db
        .insert(projectInvites)
        .values({
          id: randomUUID(),
          projectId,
          createdBy,
          tokenHash: hashInviteToken(token),
          role,
          expiresAt: new Date(Date.now() + expiresInHours * 3_600_000),
        })
        .returning();
      if (!invite) throw new Error('created invite vanished');
      return { invite, token };
    },

    async listActive(projectId) {
      return db
        .select()
        .from(projectInvites)
        .where(and(eq(projectInvites.projectId, projectId), isNull(projectInvites.revokedAt), gt(projectInvites.expiresAt, sql`now()`)))
        .orderBy(asc(projectInvites.createdAt), asc(projectInvites.id));
    },

    async revoke(projectId, inviteId) {
      if (!isUuid(inviteId)) throw notFound('invite_not_found', 'no such invite');
      const revoked = await db
        .update(projectInvites)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(projectInvites.id, inviteId), eq(projectInvites.projectId, projectId), isNull(projectInvites.revokedAt)))
        .returning({ id: projectInvites.id });
      if (revoked.length === 0) throw notFound('invite_not_found', 'no such invite');
    },

    async accept(token, userId) {
      const [invite] = await db.select().from(projectInvites).where(eq(projectInvites.tokenHash, hashInviteToken(token)));
      if (!invite || invite.revokedAt) throw unknownInvite();
      if (invite.expiresAt.getTime() <= Date.now()) throw gone();
      const { role, changed } = await db.transaction(async (tx) => {
        // Lock the membership row (if any) so two accepts cannot both decide.
        const [current] = await tx
          .select({ role: projectMembers.role })
          .from(projectMembers)
          .where(and(eq(projectMembers.projectId, invite.projectId), eq(projectMembers.userId, userId)))
          .for('update');
        const role: Role = higherRole(current?.role, invite.role) ?? invite.role;
        if (current?.role === role) return { role, changed: false };
        if (current) {
          await tx
            .update(projectMembers)
            .set({ role })
            .where(and(eq(projectMembers.projectId, invite.projectId), eq(projectMembers.userId, userId)));
          await outbox.add(tx, [{ type: 'project-member-role-changed', projectId: invite.projectId, userId, role }]);
        } else {
          await tx.insert(projectMembers).values({ projectId: invite.projectId, userId, role }).onConflictDoNothing();
        }
        await tx
          .update(projectInvites)
          .set({ useCount: sql`${projectInvites.useCount} + 1` })
          .where(eq(projectInvites.id, invite.id));
        return { role, changed: true };
      });
      if (changed) await outbox.flush();
      const [project] = await db.select().from(projects).where(eq(projects.id, invite.projectId));
      if (!project) throw unknownInvite(); // deleted meanwhile
      return { project, role };
    },
  };
}
