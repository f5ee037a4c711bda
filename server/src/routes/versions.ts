import type { DocumentBus } from '@codesync/bus';
import {
  nameVersionBodySchema,
  restoreResultSchema,
  versionContentSchema,
  versionSchema,
  type RestoreResultDto,
  type VersionContentDto,
  type VersionDto,
} from '@codesync/protocol';
import { isReadableState, isVersionId, textOfState, type SnapshotStore } from '@codesync/storage';
import { z } from 'zod';
import { ApiError, notFound } from '../errors.js';
import { createApiRouter, defineRoute, json } from '../openapi/define-route.js';
import { documentParams, versionParams } from '../openapi/path-params.js';
import { readJson } from '../request-body.js';
import { replaceText } from '../services/document-state.js';
import { toDocumentDto, type DocumentService } from '../services/documents.js';

export interface VersionRoutesDeps {
  documents: DocumentService;
  bus: DocumentBus;
  store: SnapshotStore;
  /** Origin tag of updates this API instance appends to a document's log. */
  origin: string;
}

const tags = ['history'];

const versionNotFound = () => notFound('version_not_found', 'no such version');

/** `/api/documents/:id/versions`: the snapshots the compactor saved, naming and restoring one. */
export function createVersionRoutes({ documents, bus, store, origin }: VersionRoutesDeps) {
  async function versionText(documentId: string, versionId: string): Promise<string> {
    const data = isVersionId(versionId) ? await store.get(documentId, versionId) : null;
    if (!data) throw versionNotFound();
    // Kept in the history for inspection after a bad write, but it has no text to show or restore.
    if (!isReadableState(data)) throw new ApiError(422, 'version_unreadable', 'this version cannot be read');
    return textOfState(data);
  }

  async function versionInfo(documentId: string, versionId: string): Promise<VersionDto> {
    const version = isVersionId(versionId) ? (await store.list(documentId)).find((v) => v.id === versionId) : undefined;
    if (!version) throw versionNotFound();
    return version;
  }

  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/versions', tags, auth: true, params: documentParams,
      summary: 'Saved snapshots, newest first',
      responses: { 200: json(z.strictObject({ versions: z.array(versionSchema) }), 'the versions') },
      errors: [404],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ versions: await store.list(document.id) });
    },
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/versions/:versionId', tags, auth: true, params: versionParams,
      summary: "A version's text",
      responses: { 200: json(versionContentSchema, 'the version and its text') },
      errors: [404, 422],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      const versionId = c.req.param('versionId');
      const version = await versionInfo(document.id, versionId);
      return c.json({ version, text: await versionText(document.id, versionId) } satisfies VersionContentDto);
    },
  );
  defineRoute(
    app,
    {
      method: 'patch', path: '/:id/versions/:versionId', tags, auth: true, params: versionParams,
      body: nameVersionBodySchema,
      summary: 'Name a version, or clear its name with null or "" (owner, editor); named versions are never thinned',
      responses: { 200: json(z.strictObject({ version: versionSchema }), 'the named version') },
      errors: [403, 404, 429],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const versionId = c.req.param('versionId');
      const body = await readJson(c, nameVersionBodySchema);
      // An empty name (after trimming) clears it, as null does.
      const name = body.name === '' ? null : body.name;
      const version = await store.name(document.id, versionId, name);
      if (!version) throw versionNotFound();
      c.get('logger').info({ docId: document.id, versionId, named: name !== null }, 'version named');
      return c.json({ version } satisfies { version: VersionDto });
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/versions/:versionId/restore', tags, auth: true, params: versionParams,
      summary: "Make a version's text current, as a normal edit live clients receive (owner, editor)",
      responses: { 200: json(restoreResultSchema, 'the document and its text after the restore') },
      errors: [403, 404, 413, 422, 429],
    },
    async (c) => {
      const { document, role } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const versionId = c.req.param('versionId');
      const target = await versionText(document.id, versionId);
      const text = await replaceText(bus, store, document.id, target, origin);
      const touched = await documents.touch(document.id);
      c.get('logger').info({ docId: document.id, versionId }, 'version restored');
      return c.json({ document: toDocumentDto({ document: touched, role }), text } satisfies RestoreResultDto);
    },
  );
  return app;
}
