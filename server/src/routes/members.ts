import { addMemberBodySchema, changeMemberBodySchema, memberSchema } from '@codesync/protocol';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { documentParams, memberParams, projectMemberParams, projectParams } from '../openapi/path-params.js';
import { readJson } from '../request-body.js';
import { isUuid, type DocumentService, type Need } from '../services/documents.js';
import type { MemberService } from '../services/members.js';
import type { ProjectService } from '../services/projects.js';

function memberIdOf(userId: string): string {
  if (!isUuid(userId)) throw notFound('member_not_found', 'no such member');
  return userId;
}

const one = z.strictObject({ member: memberSchema });

/** What is shared (a document or a project), as the member routes need to know it. */
interface SharedSubject {
  /** The subject's id if the caller may do what `need` says (404/403 otherwise). */
  access(subjectId: string, userId: string, need: Need): Promise<string>;
  members: MemberService;
  /** Log field naming the subject. */
  logKey: 'docId' | 'projectId';
  what: 'document' | 'project';
  params: typeof documentParams;
  memberParams: typeof memberParams;
}

/** `…/:id/members`: sharing. Only the owner manages; any member may look, or leave. */
function createSharingRoutes({ access, members, logKey, what, params, memberParams: withUser }: SharedSubject) {
  const app = createApiRouter();
  const tags = what === 'document' ? ['sharing'] : ['project sharing'];
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/members', tags, auth: true, params,
      summary: 'Who has access, the owner first',
      responses: { 200: json(z.strictObject({ members: z.array(memberSchema) }), 'the members') },
      errors: [404],
    },
    async (c) => {
      const id = await access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ members: await members.list(id) });
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/members', tags, auth: true, params,
      summary: `Share the ${what} with an account by email (owner); an existing member's role changes`,
      body: addMemberBodySchema,
      responses: { 201: json(one, 'a new member'), 200: json(one, "an existing member's new role") },
      errors: [403, 404, 409, 429],
    },
    async (c) => {
      const id = await access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, addMemberBodySchema);
      const { member, created } = await members.share(id, body.email, body.role);
      c.get('logger').info({ [logKey]: id, memberId: member.userId, role: member.role }, `${what} shared`);
      return c.json({ member }, created ? 201 : 200);
    },
  );
  defineRoute(
    app,
    {
      method: 'patch', path: '/:id/members/:userId', tags, auth: true, params: withUser,
      summary: "Change a member's role (owner)",
      body: changeMemberBodySchema,
      responses: { 200: json(one, 'the member with the new role') },
      errors: [403, 404, 409, 429],
    },
    async (c) => {
      const id = await access(c.req.param('id'), c.get('caller').userId, 'owner');
      const body = await readJson(c, changeMemberBodySchema);
      const member = await members.changeRole(id, memberIdOf(c.req.param('userId')), body.role);
      return c.json({ member });
    },
  );
  defineRoute(
    app,
    {
      method: 'delete', path: '/:id/members/:userId', tags, auth: true, params: withUser,
      summary: 'Remove a member (owner), or leave (the member themself)',
      responses: { 204: noContent('removed') },
      errors: [403, 404, 409, 429],
    },
    async (c) => {
      const callerId = c.get('caller').userId;
      const target = memberIdOf(c.req.param('userId'));
      // Members may leave on their own; removing someone else is the owner's call.
      const id = await access(c.req.param('id'), callerId, target === callerId ? 'read' : 'owner');
      await members.remove(id, target);
      c.get('logger').info({ [logKey]: id, memberId: target }, 'member removed');
      return c.body(null, 204);
    },
  );
  return app;
}

/** `/api/documents/:id/members`. */
export function createMemberRoutes({ documents, members }: { documents: DocumentService; members: MemberService }) {
  return createSharingRoutes({
    access: async (id, userId, need) => (await documents.access(id, userId, need)).document.id,
    members, logKey: 'docId', what: 'document', params: documentParams, memberParams,
  });
}

/** `/api/projects/:id/members`: a project member has that role on every file. */
export function createProjectMemberRoutes({ projects, members }: { projects: ProjectService; members: MemberService }) {
  return createSharingRoutes({
    access: async (id, userId, need) => (await projects.access(id, userId, need)).project.id,
    members, logKey: 'projectId', what: 'project', params: projectParams, memberParams: projectMemberParams,
  });
}
