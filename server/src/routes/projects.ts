import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import { createProjectBodySchema, patchProjectBodySchema, projectSchema, syncTokenSchema, type SyncTokenDto } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { z } from 'zod';
import { unauthorized } from '../errors.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { projectParams as params } from '../openapi/path-params.js';
import { readJson } from '../request-body.js';
import { discardDocuments } from '../services/document-state.js';
import { toProjectDto, type ProjectService } from '../services/projects.js';
import type { UserService } from '../services/users.js';

export interface ProjectRoutesDeps {
  projects: ProjectService;
  users: UserService;
  tokens: TokenService;
  bus: DocumentBus;
  store: SnapshotStore;
}

const tags = ['projects'];
const one = z.strictObject({ project: projectSchema });

/** `/api/projects`: projects themselves, and tokens for their project socket. */
export function createProjectRoutes({ projects, users, tokens, bus, store }: ProjectRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/', tags, auth: true, summary: "The caller's projects, with role",
      responses: { 200: json(z.strictObject({ projects: z.array(projectSchema) }), 'the list') }, errors: [],
    },
    async (c) => c.json({ projects: (await projects.listFor(c.get('caller').userId)).map(toProjectDto) }),
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/', tags, auth: true, summary: 'Create a project; the caller is its owner',
      body: createProjectBodySchema, responses: { 201: json(one, 'the new project') }, errors: [429],
    },
    async (c) => {
      const body = await readJson(c, createProjectBodySchema);
      const access = await projects.create(c.get('caller').userId, body.name);
      c.get('logger').info({ projectId: access.project.id }, 'project created');
      return c.json({ project: toProjectDto(access) }, 201);
    },
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/:id', tags, auth: true, params, summary: "Metadata and the caller's role",
      responses: { 200: json(one, 'the project') }, errors: [404],
    },
    async (c) => c.json({ project: toProjectDto(await projects.access(c.req.param('id'), c.get('caller').userId, 'read')) }),
  );
  defineRoute(
    app,
    {
      method: 'patch', path: '/:id', tags, auth: true, params, summary: 'Rename (owner, editor)',
      body: patchProjectBodySchema, responses: { 200: json(one, 'the renamed project') }, errors: [403, 404, 429],
    },
    async (c) => {
      const { project, role } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, patchProjectBodySchema);
      return c.json({ project: toProjectDto({ project: await projects.rename(project.id, body.name), role }) });
    },
  );
  defineRoute(
    app,
    {
      method: 'delete', path: '/:id', tags, auth: true, params, summary: 'Delete the project with every file (owner)',
      responses: { 204: noContent('deleted') }, errors: [403, 404, 429],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'owner');
      const documentIds = await projects.remove(project.id);
      await discardDocuments(bus, store, documentIds);
      c.get('logger').info({ projectId: project.id, files: documentIds.length }, 'project deleted');
      return c.body(null, 204);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/sync-token', tags, auth: true, params,
      summary: 'A short-lived token for the project socket (`/socket/project/:id?token=`)',
      responses: { 200: json(syncTokenSchema, "the token, its expiry and the caller's role") }, errors: [404, 429],
    },
    async (c) => {
      const caller = c.get('caller');
      const { project, role } = await projects.access(c.req.param('id'), caller.userId, 'read');
      const user = await users.findById(caller.userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      const signed = await tokens.signProject({ userId: user.id, name: user.name, projectId: project.id, role, sessionId: caller.sessionId });
      c.header('Cache-Control', 'no-store');
      return c.json({ token: signed.token, expiresAt: signed.expiresAt.toISOString(), role } satisfies SyncTokenDto);
    },
  );
  return app;
}
