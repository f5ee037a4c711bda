import { Hono } from 'hono';
import type { DocumentBus } from '@codesync/bus';
import type { RestoreResultDto, VersionContentDto } from '@codesync/protocol';
import { isVersionId, textOfState, versionTime, type SnapshotStore } from '@codesync/storage';
import type { AppEnv } from '../context.js';
import { notFound } from '../errors.js';
import { replaceText } from '../services/document-state.js';
import { toDocumentDto, type DocumentService } from '../services/documents.js';

export interface VersionRoutesDeps {
  documents: DocumentService;
  bus: DocumentBus;
  store: SnapshotStore;
  /** Origin tag of updates this API instance appends to a document's log. */
  origin: string;
}

/** `/api/documents/:id/versions`: the snapshots the compactor saved, and restoring one. */
export function createVersionRoutes({ documents, bus, store, origin }: VersionRoutesDeps) {
  async function versionData(documentId: string, versionId: string): Promise<Uint8Array> {
    const data = isVersionId(versionId) ? await store.get(documentId, versionId) : null;
    if (!data) throw notFound('version_not_found', 'no such version');
    return data;
  }

  return new Hono<AppEnv>()
    .get('/:id/versions', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ versions: await store.list(document.id) });
    })
    .get('/:id/versions/:versionId', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      const versionId = c.req.param('versionId');
      const data = await versionData(document.id, versionId);
      const version = { id: versionId, sizeBytes: data.byteLength, createdAt: versionTime(versionId) };
      return c.json({ version, text: textOfState(data) } satisfies VersionContentDto);
    })
    .post('/:id/versions/:versionId/restore', async (c) => {
      const { document, role } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const versionId = c.req.param('versionId');
      const target = textOfState(await versionData(document.id, versionId));
      const text = await replaceText(bus, store, document.id, target, origin);
      const touched = await documents.touch(document.id);
      c.get('logger').info({ docId: document.id, versionId }, 'version restored');
      return c.json({ document: toDocumentDto({ document: touched, role }), text } satisfies RestoreResultDto);
    });
}
