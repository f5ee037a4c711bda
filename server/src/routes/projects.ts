import { Hono } from 'hono';
import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import { createProjectBodySchema, patchProjectBodySchema, type SyncTokenDto } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import type { AppEnv } from '../context.js';
import { unauthorized } from '../errors.js';
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

/** `/api/projects`: projects themselves, and tokens for their project socket. */
export function createProjectRoutes({ projects, users, tokens, bus, store }: ProjectRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const list = await projects.listFor(c.get('caller').userId);
      return c.json({ projects: list.map(toProjectDto) });
    })
    .post('/', async (c) => {
      const body = await readJson(c, createProjectBodySchema);
      const access = await projects.create(c.get('caller').userId, body.name);
      c.get('logger').info({ projectId: access.project.id }, 'project created');
      return c.json({ project: toProjectDto(access) }, 201);
    })
    .get('/:id', async (c) => {
      const access = await projects.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ project: toProjectDto(access) });
    })
    .patch('/:id', async (c) => {
      const { project, role } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, patchProjectBodySchema);
      const renamed = await projects.rename(project.id, body.name);
      return c.json({ project: toProjectDto({ project: renamed, role }) });
    })
    .delete('/:id', async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'owner');
      const documentIds = await projects.remove(project.id);
      await discardDocuments(bus, store, documentIds);
      c.get('logger').info({ projectId: project.id, files: documentIds.length }, 'project deleted');
      return c.body(null, 204);
    })
    .post('/:id/sync-token', async (c) => {
      const caller = c.get('caller');
      const { project, role } = await projects.access(c.req.param('id'), caller.userId, 'read');
      const user = await users.findById(caller.userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      const signed = await tokens.signProject({
        userId: user.id,
        name: user.name,
        projectId: project.id,
        role,
        sessionId: caller.sessionId,
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ token: signed.token, expiresAt: signed.expiresAt.toISOString(), role } satisfies SyncTokenDto);
    });
}
