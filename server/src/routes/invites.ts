import type { Context } from 'hono';
import {
  acceptInviteBodySchema,
  createdInviteSchema,
  createInviteBodySchema,
  DEFAULT_INVITE_HOURS,
  inviteSchema,
  projectSchema,
  type CreatedInviteDto,
} from '@codesync/protocol';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { inviteParams, projectParams as params } from '../openapi/path-params.js';
import { readJson } from '../request-body.js';
import { toInviteDto, type InviteService } from '../services/invites.js';
import { toProjectDto, type ProjectService } from '../services/projects.js';

export interface InviteRoutesDeps {
  projects: ProjectService;
  invites: InviteService;
}

const tags = ['invites'];

/**
 * Where the web app is served, for the link: the page's own origin when the
 * request says it (browsers send Origin on POST), else the API's.
 */
function webOrigin(c: Context<AppEnv>): string {
  const origin = c.req.header('origin');
  if (origin && /^https?:\/\/[^/\s]+$/.test(origin)) return origin;
  return new URL(c.req.url).origin;
}

/** `/api/projects/:id/invites`: the owner makes, lists and revokes invite links. */
export function createProjectInviteRoutes({ projects, invites }: InviteRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/invites', tags, auth: true, params,
      summary: 'Create an invite link with a role and an expiry (owner); the token is shown only in this answer',
      body: createInviteBodySchema, responses: { 201: json(createdInviteSchema, 'the link, with its token') }, errors: [403, 404, 429],
    },
    async (c) => {
      const caller = c.get('caller');
      const { project } = await projects.access(c.req.param('id'), caller.userId, 'owner');
      const body = await readJson(c, createInviteBodySchema);
      const { invite, token } = await invites.create(project.id, caller.userId, body.role, body.expiresInHours ?? DEFAULT_INVITE_HOURS);
      c.get('logger').info({ projectId: project.id, inviteId: invite.id, role: invite.role }, 'invite created');
      c.header('Cache-Control', 'no-store');
      const created: CreatedInviteDto = { ...toInviteDto(invite), token, url: `${webOrigin(c)}/invite/${token}` };
      return c.json({ invite: created }, 201);
    },
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/invites', tags, auth: true, params, summary: 'The links that still work (owner)',
      responses: { 200: json(z.strictObject({ invites: z.array(inviteSchema) }), 'active links, oldest first') }, errors: [403, 404],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'owner');
      return c.json({ invites: (await invites.listActive(project.id)).map(toInviteDto) });
    },
  );
  defineRoute(
    app,
    {
      method: 'delete', path: '/:id/invites/:inviteId', tags, auth: true, params: inviteParams,
      summary: 'Revoke a link (owner): opening it answers 404 from now on',
      responses: { 204: noContent('revoked') }, errors: [403, 404, 429],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'owner');
      await invites.revoke(project.id, c.req.param('inviteId'));
      c.get('logger').info({ projectId: project.id, inviteId: c.req.param('inviteId') }, 'invite revoked');
      return c.body(null, 204);
    },
  );
  return app;
}

/** `/api/invites/accept`: the token travels in the body, never in a path a log keeps. */
export function createInviteAcceptRoutes({ invites }: Pick<InviteRoutesDeps, 'invites'>) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'post', path: '/accept', tags, auth: true,
      summary: "Join a project through an invite link; a higher role the caller holds is kept",
      body: acceptInviteBodySchema,
      responses: { 200: json(z.strictObject({ project: projectSchema }), "the project, with the caller's role") },
      errors: [404, 410, 429],
    },
    async (c) => {
      const body = await readJson(c, acceptInviteBodySchema);
      const access = await invites.accept(body.token, c.get('caller').userId);
      c.get('logger').info({ projectId: access.project.id, role: access.role }, 'invite accepted');
      return c.json({ project: toProjectDto(access) });
    },
  );
  return app;
}
