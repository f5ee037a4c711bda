import { addMemberBodySchema, changeMemberBodySchema, memberSchema } from '@codesync/protocol';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { documentParams, memberParams } from '../openapi/path-params.js';
import { readJson } from '../request-body.js';
import { isUuid, type DocumentService } from '../services/documents.js';
import type { MemberService } from '../services/members.js';

function memberIdOf(userId: string): string {
  if (!isUuid(userId)) throw notFound('member_not_found', 'no such member');
  return userId;
}

const tags = ['sharing'];
const one = z.strictObject({ member: memberSchema });

/** `/api/documents/:id/members`: sharing. Only the owner manages; any member may look, or leave. */
export function createMemberRoutes({ documents, members }: { documents: DocumentService; members: MemberService }) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/members', tags, auth: true, params: documentParams,
      summary: 'Who has access, the owner first',
      responses: { 200: json(z.strictObject({ members: z.array(memberSchema) }), 'the members') },
      errors: [404],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ members: await members.list(document.id) });
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/members', tags, auth: true, params: documentParams,
      summary: "Share with an account by email (owner); an existing member's role changes",
      body: addMemberBodySchema,
      responses: { 201: json(one, 'a new member'), 200: json(one, "an existing member's new role") },
      errors: [403, 404, 409, 429],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, addMemberBodySchema);
      const { member, created } = await members.share(document.id, body.email, body.role);
      c.get('logger').info({ docId: document.id, memberId: member.userId, role: member.role }, 'document shared');
      return c.json({ member }, created ? 201 : 200);
    },
  );
  defineRoute(
    app,
    {
      method: 'patch', path: '/:id/members/:userId', tags, auth: true, params: memberParams,
      summary: "Change a member's role (owner)",
      body: changeMemberBodySchema,
      responses: { 200: json(one, 'the member with the new role') },
      errors: [403, 404, 409, 429],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, changeMemberBodySchema);
      const member = await members.changeRole(document.id, memberIdOf(c.req.param('userId')), body.role);
      return c.json({ member });
    },
  );
  defineRoute(
    app,
    {
      method: 'delete', path: '/:id/members/:userId', tags, auth: true, params: memberParams,
      summary: 'Remove a member (owner), or leave (the member themself)',
      responses: { 204: noContent('removed') },
      errors: [403, 404, 409, 429],
    },
    async (c) => {
      const callerId = c.get('caller').userId;
      const target = memberIdOf(c.req.param('userId'));
      // Members may leave on their own; removing someone else is the owner's call.
      const { document } = await documents.access(c.req.param('id'), callerId, target === callerId ? 'read' : 'owner');
      await members.remove(document.id, target);
      c.get('logger').info({ docId: document.id, memberId: target }, 'member removed');
      return c.body(null, 204);
    },
  );
  return app;
}
