import { Hono } from 'hono';
import type { DocumentBus } from '@codesync/bus';
import { nameVersionBodySchema, type RestoreResultDto, type VersionContentDto, type VersionDto } from '@codesync/protocol';
import { isReadableState, isVersionId, textOfState, type SnapshotStore } from '@codesync/storage';
import type { AppEnv } from '../context.js';
import { ApiError, notFound } from '../errors.js';
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

  return new Hono<AppEnv>()
    .get('/:id/versions', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ versions: await store.list(document.id) });
    })
    .get('/:id/versions/:versionId', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      const versionId = c.req.param('versionId');
      const version = await versionInfo(document.id, versionId);
      return c.json({ version, text: await versionText(document.id, versionId) } satisfies VersionContentDto);
    })
    .patch('/:id/versions/:versionId', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const versionId = c.req.param('versionId');
      const { name } = await readJson(c, nameVersionBodySchema);
      const version = await store.name(document.id, versionId, name);
      if (!version) throw versionNotFound();
      c.get('logger').info({ docId: document.id, versionId, named: name !== null }, 'version named');
      return c.json({ version } satisfies { version: VersionDto });
    })
    .post('/:id/versions/:versionId/restore', async (c) => {
      const { document, role } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const versionId = c.req.param('versionId');
      const target = await versionText(document.id, versionId);
      const text = await replaceText(bus, store, document.id, target, origin);
      const touched = await documents.touch(document.id);
      c.get('logger').info({ docId: document.id, versionId }, 'version restored');
      return c.json({ document: toDocumentDto({ document: touched, role }), text } satisfies RestoreResultDto);
    });
}
