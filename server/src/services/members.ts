import { and, asc, eq, sql } from 'drizzle-orm';
import { documentMembers, projectMembers, users, type Database } from '@codesync/db';
import type { BusEvent, MemberDto, MemberRole } from '@codesync/protocol';
import { conflict, notFound } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';

/** What is shared: a document or a project. `subjectId` below is its id. */
export interface MemberService {
  list(subjectId: string): Promise<MemberDto[]>;
  /** Shares with the account registered under `email`, or changes its role; `created` tells which. */
  share(subjectId: string, email: string, role: MemberRole): Promise<{ member: MemberDto; created: boolean }>;
  changeRole(subjectId: string, userId: string, role: MemberRole): Promise<MemberDto>;
  remove(subjectId: string, userId: string): Promise<void>;
}

/** The membership table of one kind of subject, and the events its changes announce. */
interface MemberScope {
  table: typeof documentMembers | typeof projectMembers;
  subject: typeof documentMembers.documentId | typeof projectMembers.projectId;
  user: typeof documentMembers.userId | typeof projectMembers.userId;
  role: typeof documentMembers.role | typeof projectMembers.role;
  row(subjectId: string, userId: string, role: MemberRole): { documentId: string } | { projectId: string };
  removed(subjectId: string, userId: string): BusEvent;
  roleChanged(subjectId: string, userId: string, role: MemberRole): BusEvent;
}

const documentScope: MemberScope = {
  table: documentMembers,
  subject: documentMembers.documentId,
  user: documentMembers.userId,
  role: documentMembers.role,
  row: (documentId) => ({ documentId }),
  removed: (documentId, userId) => ({ type: 'member-removed', documentId, userId }),
  roleChanged: (documentId, userId, role) => ({ type: 'member-role-changed', documentId, userId, role }),
};

const projectScope: MemberScope = {
  table: projectMembers,
  subject: projectMembers.projectId,
  user: projectMembers.userId,
  role: projectMembers.role,
  row: (projectId) => ({ projectId }),
  removed: (projectId, userId) => ({ type: 'project-member-removed', projectId, userId }),
  roleChanged: (projectId, userId, role) => ({ type: 'project-member-role-changed', projectId, userId, role }),
};

/**
 * Who may open a document, and as what. Every change is announced through the
 * outbox so that the sync service closes or downgrades live connections at once.
 */
export const createMemberService = (db: Database, outbox: Outbox) => createScopedMembers(db, outbox, documentScope);

/** Project sharing: the same rules; a change reaches every file's sockets opened through the project. */
export const createProjectMemberService = (db: Database, outbox: Outbox) => createScopedMembers(db, outbox, projectScope);

function createScopedMembers(db: Database, outbox: Outbox, scope: MemberScope): MemberService {
  const memberColumns = { userId: users.id, email: users.email, name: users.name, role: scope.role };
  const of = (subjectId: string, userId: string) => and(eq(scope.subject, subjectId), eq(scope.user, userId));

  async function find(subjectId: string, userId: string): Promise<MemberDto | undefined> {
    const [row] = await db
      .select(memberColumns)
      .from(scope.table)
      .innerJoin(users, eq(users.id, scope.user))
      .where(of(subjectId, userId));
    return row;
  }

  async function existing(subjectId: string, userId: string): Promise<MemberDto> {
    const member = await find(subjectId, userId);
    if (!member) throw notFound('member_not_found', 'no such member');
    if (member.role === 'owner') throw conflict('owner_is_fixed', "the owner's membership cannot be changed");
    return member;
  }

  async function setRole(subjectId: string, member: MemberDto, role: MemberRole): Promise<MemberDto> {
    if (member.role === role) return member;
    await db.transaction(async (tx) => {
      await tx.update(scope.table).set({ role }).where(of(subjectId, member.userId));
      await outbox.add(tx, [scope.roleChanged(subjectId, member.userId, role)]);
    });
    await outbox.flush();
    return { ...member, role };
  }

  return {
    async list(subjectId) {
      return db
        .select(memberColumns)
        .from(scope.table)
        .innerJoin(users, eq(users.id, scope.user))
        .where(eq(scope.subject, subjectId))
        .orderBy(sql`${scope.role} = 'owner' desc`, asc(users.name), asc(users.id));
    },

    async share(subjectId, email, role) {
      const [user] = await db.select().from(users).where(eq(users.email, email));
      if (!user) throw notFound('user_not_found', 'no account with this email');
      const current = await find(subjectId, user.id);
      if (current) return { member: await setRole(subjectId, await existing(subjectId, user.id), role), created: false };
      const inserted = await db
        .insert(scope.table)
        .values({ ...scope.row(subjectId, user.id, role), userId: user.id, role } as typeof documentMembers.$inferInsert)
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw conflict('member_changed', 'membership changed meanwhile, try again');
      return { member: { userId: user.id, email: user.email, name: user.name, role }, created: true };
    },

    async changeRole(subjectId, userId, role) {
      return setRole(subjectId, await existing(subjectId, userId), role);
    },

    async remove(subjectId, userId) {
      await existing(subjectId, userId);
      await db.transaction(async (tx) => {
        await tx.delete(scope.table).where(of(subjectId, userId));
        await outbox.add(tx, [scope.removed(subjectId, userId)]);
      });
      await outbox.flush();
    },
  };
}
