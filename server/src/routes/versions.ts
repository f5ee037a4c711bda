import type { DocumentBus } from '@codesync/bus';
import {
  restoreResultSchema,
  versionContentSchema,
  versionSchema,
  type RestoreResultDto,
  type VersionContentDto,
} from '@codesync/protocol';
import { isVersionId, textOfState, versionTime, type SnapshotStore } from '@codesync/storage';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { createApiRouter, defineRoute, json } from '../openapi/define-route.js';
import { documentParams, versionParams } from '../openapi/path-params.js';
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

/** `/api/documents/:id/versions`: the snapshots the compactor saved, and restoring one. */
export function createVersionRoutes({ documents, bus, store, origin }: VersionRoutesDeps) {
  async function versionData(documentId: string, versionId: string): Promise<Uint8Array> {
    const data = isVersionId(versionId) ? await store.get(documentId, versionId) : null;
    if (!data) throw notFound('version_not_found', 'no such version');
    return data;
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
      errors: [404],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      const versionId = c.req.param('versionId');
      const data = await versionData(document.id, versionId);
      const version = { id: versionId, sizeBytes: data.byteLength, createdAt: versionTime(versionId) };
      return c.json({ version, text: textOfState(data) } satisfies VersionContentDto);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/versions/:versionId/restore', tags, auth: true, params: versionParams,
      summary: "Make a version's text current, as a normal edit live clients receive (owner, editor)",
      responses: { 200: json(restoreResultSchema, 'the document and its text after the restore') },
      errors: [403, 404, 413, 429],
    },
    async (c) => {
      const { document, role } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const versionId = c.req.param('versionId');
      const target = textOfState(await versionData(document.id, versionId));
      const text = await replaceText(bus, store, document.id, target, origin);
      const touched = await documents.touch(document.id);
      c.get('logger').info({ docId: document.id, versionId }, 'version restored');
      return c.json({ document: toDocumentDto({ document: touched, role }), text } satisfies RestoreResultDto);
    },
  );
  return app;
}
