import { Hono } from 'hono';
import { addMemberBodySchema, changeMemberBodySchema } from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { notFound } from '../errors.js';
import { readJson } from '../request-body.js';
import { isUuid, type Need } from '../services/documents.js';
import type { MemberService } from '../services/members.js';

function memberIdOf(userId: string): string {
  if (!isUuid(userId)) throw notFound('member_not_found', 'no such member');
  return userId;
}

export interface MemberRoutesDeps {
  /** The shared subject's id if the caller may do what `need` says (404/403 otherwise). */
  access(subjectId: string, userId: string, need: Need): Promise<string>;
  members: MemberService;
  /** Log field naming the subject: `docId` or `projectId`. */
  logKey: string;
}

/** `…/:id/members` of a document or a project: sharing. Only the owner manages; any member may look, or leave. */
export function createMemberRoutes({ access, members, logKey }: MemberRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/:id/members', async (c) => {
      const id = await access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ members: await members.list(id) });
    })
    .post('/:id/members', async (c) => {
      const id = await access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, addMemberBodySchema);
      const { member, created } = await members.share(id, body.email, body.role);
      c.get('logger').info({ [logKey]: id, memberId: member.userId, role: member.role }, 'shared');
      return c.json({ member }, created ? 201 : 200);
    })
    .patch('/:id/members/:userId', async (c) => {
      const id = await access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, changeMemberBodySchema);
      const member = await members.changeRole(id, memberIdOf(c.req.param('userId')), body.role);
      return c.json({ member });
    })
    .delete('/:id/members/:userId', async (c) => {
      const callerId = c.get('caller').userId;
      const target = memberIdOf(c.req.param('userId'));
      // Members may leave on their own; removing someone else is the owner's call.
      const id = await access(c.req.param('id'), callerId, target === callerId ? 'read' : 'owner');
      await members.remove(id, target);
      c.get('logger').info({ [logKey]: id, memberId: target }, 'member removed');
      return c.body(null, 204);
    });
}
