import type { DocumentBus } from '@codesync/bus';
import {
  createdEntrySchema,
  createEntryBodySchema,
  languageOfPath,
  MAX_CONTENT_BYTES,
  moveEntryBodySchema,
  movedEntriesSchema,
  projectFilesSchema,
} from '@codesync/protocol';
import { stateOfText, type SnapshotStore } from '@codesync/storage';
import { badRequest, payloadTooLarge } from '../errors.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { entryPathQuery, projectParams as params } from '../openapi/path-params.js';
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
export const saveFirstSnapshot = (store: SnapshotStore): SaveContent => ({
  save: async (documentId, content) => (await store.save(documentId, stateOfText(content))).sizeBytes,
  discard: (documentId) => store.deleteAll(documentId),
});

const tags = ['project files'];

/** `/api/projects/:id/files`: the tree. Reading needs membership; changing it, editor or owner. */
export function createProjectFileRoutes({ projects, files, bus, store }: ProjectFileRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/files', tags, auth: true, params, summary: "The project's tree and its version",
      responses: { 200: json(projectFilesSchema, 'every entry, sorted by path') }, errors: [404],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'read');
      c.header('Cache-Control', 'no-store');
      return c.json(await files.list(project.id));
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/files', tags, auth: true, params,
      summary: 'Create a file (a new document; language from the extension when omitted) or a folder',
      description: 'Missing parent folders are created. 400 `invalid_path` names the rule broken in `details.rule`.',
      body: createEntryBodySchema, responses: { 201: json(createdEntrySchema, 'the new entry') }, errors: [403, 404, 409, 429],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, createEntryBodySchema);
      const path = requireValidPath(body.path);
      if (body.kind === 'folder' && body.content !== undefined) throw badRequest('folder_has_no_content', 'a folder has no content');
      if (Buffer.byteLength(body.content ?? '') > MAX_CONTENT_BYTES) throw payloadTooLarge('content is larger than 2 MiB');
      const language = body.language ?? languageOfPath(path);
      const item = { path, kind: body.kind, language, content: body.content };
      const created = await files.add(project.id, [item], saveFirstSnapshot(store));
      const entry = created.find((e) => e.path === path) ?? { path, kind: body.kind };
      c.get('logger').info({ projectId: project.id, docId: entry.documentId }, 'project entry created');
      return c.json({ entry, entries: created }, 201);
    },
  );
  defineRoute(
    app,
    {
      method: 'patch', path: '/:id/files', tags, auth: true, params,
      summary: 'Rename or move a file, or a folder with everything under it; documents keep their ids',
      body: moveEntryBodySchema, responses: { 200: json(movedEntriesSchema, 'what moved') }, errors: [403, 404, 409, 429],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, moveEntryBodySchema);
      const entries = await files.move(project.id, requireValidPath(body.from, 'from'), requireValidPath(body.to, 'to'));
      return c.json({ entries });
    },
  );
  defineRoute(
    app,
    {
      method: 'delete', path: '/:id/files', tags, auth: true, params, query: entryPathQuery,
      summary: 'Delete a file, or a folder with everything under it (their sockets close with 4404)',
      responses: { 204: noContent('deleted') }, errors: [400, 403, 404, 429],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
      const documentIds = await files.remove(project.id, requireValidPath(c.req.query('path') ?? ''));
      await discardDocuments(bus, store, documentIds);
      c.get('logger').info({ projectId: project.id, files: documentIds.length }, 'project entry deleted');
      return c.body(null, 204);
    },
  );
  return app;
}
