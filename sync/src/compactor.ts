import { readDocumentState, trimBoundary, type DocumentBus } from '@codesync/bus';
import type { SnapshotStore } from '@codesync/storage';
import { SHARED_TEXT } from '@codesync/protocol';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { SyncMetrics } from './metrics.js';

export type CompactionResult = 'saved' | 'empty' | 'busy' | 'deleted';

export interface Compactor {
  /** Merges the document's log into a new snapshot version, then trims the log. */
  compact(documentId: string): Promise<CompactionResult>;
}

const LEASE_TTL_MS = 30_000;

/**
 * Stream → snapshot, then trim. Reads the log and the newest snapshot from
 * their stores (not from a room's memory), so what is trimmed is exactly what
 * was saved; a store failure throws before anything is trimmed.
 */
export function createCompactor(deps: {
  bus: DocumentBus;
  store: SnapshotStore;
  holder: string;
  logger: Logger;
  metrics: SyncMetrics;
}): Compactor {
  const { bus, store, holder, metrics } = deps;

  async function mergeAndSave(documentId: string): Promise<CompactionResult> {
    const state = await readDocumentState(bus, store, documentId);
    if (state.entries.length === 0) return 'empty';
    const doc = new Y.Doc({ gc: true });
    try {
      for (const update of state.updates) Y.applyUpdate(doc, update);
      const merged = Y.encodeStateAsUpdate(doc);
      const boundary = trimBoundary(state.entries);
      if (state.snapshot && sameBytes(state.snapshot, merged)) {
        // Only entries the last save already holds (kept by the trim lag): no new version.
        if (boundary) await bus.trimUpdates(documentId, boundary);
        return 'empty';
      }
      if (await isDeleted(bus, documentId)) return 'deleted';
      const version = await store.save(documentId, merged);
      // Only after the save: a failed save leaves every entry in the log.
      if (boundary) await bus.trimUpdates(documentId, boundary);
      deps.logger.debug({ docId: documentId, versionId: version.id, entries: state.entries.length }, 'compacted');
      await bus.publishEvent({
        type: 'snapshot-saved',
        documentId,
        versionId: version.id,
        sizeBytes: version.sizeBytes,
        textLength: doc.getText(SHARED_TEXT).length,
        savedAt: version.createdAt,
      });
      return 'saved';
    } finally {
      doc.destroy();
    }
  }

  return {
    async compact(documentId) {
      const lease = `compact:${documentId}`;
      if (!(await bus.acquireLease(lease, holder, LEASE_TTL_MS))) {
        metrics.compactions.inc({ result: 'busy' });
        return 'busy';
      }
      try {
        const result = await mergeAndSave(documentId);
        metrics.compactions.inc({ result });
        return result;
      } catch (error) {
        metrics.compactions.inc({ result: 'failed' });
        throw error;
      } finally {
        await bus.releaseLease(lease, holder).catch((error: Error) =>
          deps.logger.warn({ docId: documentId, err: error.message }, 'lease release failed; it expires by itself'),
        );
      }
    },
  };
}

/** A deleted document leaves a marker; saving after it would bring its snapshot back. */
async function isDeleted(bus: DocumentBus, documentId: string): Promise<boolean> {
  // Issued at 0: any deletion of the document, ever (within the marker's life), counts.
  return (await bus.revokedBy({ documentId, sessionId: '', userId: '', issuedAtMs: 0 })) === 'document';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
