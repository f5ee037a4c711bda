import { Hono } from 'hono';
import { addMemberBodySchema, changeMemberBodySchema } from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { notFound } from '../errors.js';
import { readJson } from '../request-body.js';
import { isUuid, type DocumentService } from '../services/documents.js';
import type { MemberService } from '../services/members.js';

function memberIdOf(userId: string): string {
  if (!isUuid(userId)) throw notFound('member_not_found', 'no such member');
  return userId;
}

/** `/api/documents/:id/members`: sharing. Only the owner manages; any member may look, or leave. */
export function createMemberRoutes({ documents, members }: { documents: DocumentService; members: MemberService }) {
  return new Hono<AppEnv>()
    .get('/:id/members', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ members: await members.list(document.id) });
    })
    .post('/:id/members', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, addMemberBodySchema);
      const { member, created } = await members.share(document.id, body.email, body.role);
      c.get('logger').info({ docId: document.id, memberId: member.userId, role: member.role }, 'document shared');
      return c.json({ member }, created ? 201 : 200);
    })
    .patch('/:id/members/:userId', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, changeMemberBodySchema);
      const member = await members.changeRole(document.id, memberIdOf(c.req.param('userId')), body.role);
      return c.json({ member });
    })
    .delete('/:id/members/:userId', async (c) => {
      const callerId = c.get('caller').userId;
      const target = memberIdOf(c.req.param('userId'));
      // Members may leave on their own; removing someone else is the owner's call.
      const { document } = await documents.access(c.req.param('id'), callerId, target === callerId ? 'read' : 'owner');
      await members.remove(document.id, target);
      c.get('logger').info({ docId: document.id, memberId: target }, 'member removed');
      return c.body(null, 204);
    });
}
