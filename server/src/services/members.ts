import { and, asc, eq, sql } from 'drizzle-orm';
import type { DocumentBus } from '@codesync/bus';
import { documentMembers, users, type Database } from '@codesync/db';
import type { MemberDto, MemberRole } from '@codesync/protocol';
import { conflict, notFound } from '../errors.js';

export interface MemberService {
  list(documentId: string): Promise<MemberDto[]>;
  /** Shares with the account registered under `email`, or changes its role; `created` tells which. */
  share(documentId: string, email: string, role: MemberRole): Promise<{ member: MemberDto; created: boolean }>;
  changeRole(documentId: string, userId: string, role: MemberRole): Promise<MemberDto>;
  remove(documentId: string, userId: string): Promise<void>;
}

/**
 * Who may open a document, and as what. Every change is published on the bus
 * so that the sync service closes or downgrades live connections at once.
 */
export function createMemberService(db: Database, bus: DocumentBus): MemberService {
  const memberColumns = { userId: users.id, email: users.email, name: users.name, role: documentMembers.role };

  async function find(documentId: string, userId: string): Promise<MemberDto | undefined> {
    const [row] = await db
      .select(memberColumns)
      .from(documentMembers)
      .innerJoin(users, eq(users.id, documentMembers.userId))
      .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId)));
    return row;
  }

  async function existing(documentId: string, userId: string): Promise<MemberDto> {
    const member = await find(documentId, userId);
    if (!member) throw notFound('member_not_found', 'no such member');
    if (member.role === 'owner') throw conflict('owner_is_fixed', "the owner's membership cannot be changed");
    return member;
  }

  async function setRole(documentId: string, member: MemberDto, role: MemberRole): Promise<MemberDto> {
    if (member.role === role) return member;
    await db
      .update(documentMembers)
      .set({ role })
      .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, member.userId)));
    await bus.publishEvent({ type: 'member-role-changed', documentId, userId: member.userId, role });
    return { ...member, role };
  }

  return {
    async list(documentId) {
      return db
        .select(memberColumns)
        .from(documentMembers)
        .innerJoin(users, eq(users.id, documentMembers.userId))
        .where(eq(documentMembers.documentId, documentId))
        .orderBy(sql`${documentMembers.role} = 'owner' desc`, asc(users.name), asc(users.id));
    },

    async share(documentId, email, role) {
      const [user] = await db.select().from(users).where(eq(users.email, email));
      if (!user) throw notFound('user_not_found', 'no account with this email');
      const current = await find(documentId, user.id);
      if (current) return { member: await setRole(documentId, await existing(documentId, user.id), role), created: false };
      const inserted = await db
        .insert(documentMembers)
        .values({ documentId, userId: user.id, role })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw conflict('member_changed', 'membership changed meanwhile, try again');
      return { member: { userId: user.id, email: user.email, name: user.name, role }, created: true };
    },

    async changeRole(documentId, userId, role) {
      return setRole(documentId, await existing(documentId, userId), role);
    },

    async remove(documentId, userId) {
      await existing(documentId, userId);
      await db
        .delete(documentMembers)
        .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId)));
      await bus.publishEvent({ type: 'member-removed', documentId, userId });
    },
  };
}
