import { Hono } from 'hono';
import type { DocumentBus } from '@codesync/bus';
import { createEntryBodySchema, languageOfPath, MAX_CONTENT_BYTES, moveEntryBodySchema } from '@codesync/protocol';
import { stateOfText, type SnapshotStore } from '@codesync/storage';
import type { AppEnv } from '../context.js';
import { badRequest, payloadTooLarge } from '../errors.js';
import { requireValidPath } from '../project-path.js';
import { readJson } from '../request-body.js';
import { discardDocuments } from '../services/document-state.js';
import type { ProjectFileService, SaveContent } from '../services/project-files.js';
import type { ProjectService } from '../services/projects.js';

export interface ProjectFileRoutesDeps {
  projects: ProjectService;
  files: ProjectFileService;
  bus: DocumentBus;
  store: SnapshotStore;
}

/** Stores a new file's first text as its first snapshot (as POST /api/documents does). */
export const saveFirstSnapshot =
  (store: SnapshotStore): SaveContent =>
  async (documentId, content) =>
    (await store.save(documentId, stateOfText(content))).sizeBytes;

/** `/api/projects/:id/files`: the tree. Reading needs membership; changing it, editor or owner. */
export function createProjectFileRoutes({ projects, files, bus, store }: ProjectFileRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/:id/files', async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'read');
      c.header('Cache-Control', 'no-store');
      return c.json(await files.list(project.id));
    })
    .post('/:id/files', async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, createEntryBodySchema);
      const path = requireValidPath(body.path);
      if (body.kind === 'folder' && body.content !== undefined) {
        throw badRequest('folder_has_no_content', 'a folder has no content');
      }
      if (Buffer.byteLength(body.content ?? '') > MAX_CONTENT_BYTES) throw payloadTooLarge('content is larger than 2 MiB');
      const language = body.language ?? languageOfPath(path);
      const created = await files.add(project.id, [{ path, kind: body.kind, language, content: body.content }], saveFirstSnapshot(store));
      const entry = created.find((e) => e.path === path);
      c.get('logger').info({ projectId: project.id, docId: entry?.documentId }, 'project entry created');
      return c.json({ entry, entries: created }, 201);
    })
    .patch('/:id/files', async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, moveEntryBodySchema);
      const from = requireValidPath(body.from, 'from');
      const to = requireValidPath(body.to, 'to');
      const entries = await files.move(project.id, from, to);
      return c.json({ entries });
    })
    .delete('/:id/files', async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const path = requireValidPath(c.req.query('path') ?? '');
      const documentIds = await files.remove(project.id, path);
      await discardDocuments(bus, store, documentIds);
      c.get('logger').info({ projectId: project.id, files: documentIds.length }, 'project entry deleted');
      return c.body(null, 204);
    });
}
