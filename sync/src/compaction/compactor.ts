import {
  readDocumentState,
  rebuildDocument,
  sameBytes,
  trimPoint,
  type ClientBindings,
  type EventChannel,
  type Leases,
  type RevocationMarkers,
  type SavedMarks,
  type SetAsideShelf,
  type UpdateLog,
} from '@codesync/bus';
import { crc32 } from 'node:zlib';
import type { SnapshotStore } from '@codesync/storage';
import { SHARED_TEXT } from '@codesync/protocol';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { SyncMetrics } from '../metrics.js';
import { keepSetAside } from '../set-aside.js';
import { highestClocks } from '../room.js';

/** The parts of the bus a compactor uses. */
type CompactorBus = UpdateLog &
  Pick<EventChannel, 'publishEvent'> &
  RevocationMarkers &
  Leases &
  SetAsideShelf &
  SavedMarks &
  Pick<ClientBindings, 'raiseClientClocks'>;

export type CompactionResult = 'saved' | 'empty' | 'busy' | 'deleted';

/** What a compaction saves from a loaded room: every log entry up to `upTo` is in `unsaved.state`. */
export interface RoomCapture {
  upTo: string;
  /** Omitted when a saved snapshot already holds every entry up to `upTo`. */
  /** `clocks`: the highest clock of each client that changed since clocks were last recorded from here. */
  unsaved?: { state: Uint8Array; textLength: number; clocks: Map<number, number> };
}

/** All the compactor needs of a loaded room. */
export interface SaveSource {
  /**
   * What to save, from memory (own appends in flight are awaited first).
   * Undefined while the log has had no entry since the room loaded an empty one.
   */
  capture(): Promise<RoomCapture | undefined>;
  /** A snapshot holding every log entry up to `upTo` was saved (by any instance). */
  markSaved(upTo: string): void;
  /** These clocks are recorded in the client bindings (capture leaves them out next time). */
  clocksRecorded?(clocks: Map<number, number>): void;
}

export interface Compactor {
  /** Merges the document's log into a new snapshot version, then trims the log (a log no room here holds). */
  compact(documentId: string): Promise<CompactionResult>;
  /**
   * Saves a loaded room's state as a new snapshot version, then trims the log
   * entries it holds: the room already has the merge of snapshot and log in
   * memory, so nothing is read back or applied again.
   */
  compactRoom(documentId: string, room: SaveSource): Promise<CompactionResult>;
}

const LEASE_TTL_MS = 30_000;
/** Log entries applied between two yields to the event loop when compacting from the stores. */
const YIELD_EVERY = 200;

/**
 * Stream → snapshot, then trim. Reads the log and the newest snapshot from
 * their stores (not from a room's memory), so what is trimmed is exactly what
 * was saved; a store failure throws before anything is trimmed.
 */
export function createCompactor(deps: {
  bus: CompactorBus;
  store: SnapshotStore;
  holder: string;
  logger: Logger;
  metrics: SyncMetrics;
}): Compactor {
  const { bus, store, holder, metrics } = deps;

  async function mergeAndSave(documentId: string): Promise<CompactionResult> {
    const state = await readDocumentState(bus, store, documentId);
    if (state.entries.length === 0) {
      // Only entries the newest version holds, kept by the trim lag: trimmed once the lag is over.
      if (state.heldUpTo) await bus.trimUpdates(documentId, trimPoint(state.heldUpTo));
      return 'empty';
    }
    // One bad entry never fails the compaction (SPEC 18): it is set aside and the rest is saved.
    const { doc, setAside } = await rebuildDocument(state.snapshot, state.entries, { yieldEvery: YIELD_EVERY });
    await keepSetAside(deps, documentId, setAside);
    try {
      const merged = Y.encodeStateAsUpdate(doc);
      if (state.snapshot && sameBytes(state.snapshot, merged)) {
        // Only entries the last save already holds (kept by the trim lag): no new version.
        await bus.trimUpdates(documentId, trimPoint(state.lastEntryId));
        return 'empty';
      }
      if (await isDeleted(bus, documentId)) return 'deleted';
      const version = await store.save(documentId, merged);
      await bus.raiseClientClocks(documentId, highestClocks(doc));
      await markSaved(documentId, version.id, state.lastEntryId, merged);
      // Only after the save: a failed save leaves every entry in the log.
      await bus.trimUpdates(documentId, trimPoint(state.lastEntryId));
      deps.logger.debug({ docId: documentId, versionId: version.id, entries: state.entries.length }, 'compacted');
      await announce(documentId, version, doc.getText(SHARED_TEXT).length);
      return 'saved';
    } finally {
      doc.destroy();
    }
  }

  async function saveRoom(documentId: string, room: SaveSource): Promise<CompactionResult> {
    const captured = await room.capture();
    if (!captured) return 'empty';
    // Entries younger than the trim lag stay: a loader may have read the log and not yet started reading live.
    const trimUpTo = trimPoint(captured.upTo);
    if (!captured.unsaved) {
      await bus.trimUpdates(documentId, trimUpTo);
      return 'empty';
    }
    if (await isDeleted(bus, documentId)) return 'deleted';
    const version = await store.save(documentId, captured.unsaved.state);
    // Client bindings remember every clock a saved snapshot holds, so a re-send after a storage fallback is recognised (SPEC 19).
    await bus.raiseClientClocks(documentId, captured.unsaved.clocks);
    room.clocksRecorded?.(captured.unsaved.clocks);
    room.markSaved(captured.upTo);
    await markSaved(documentId, version.id, captured.upTo, captured.unsaved.state);
    // Only after the save: a failed save leaves every entry in the log.
    await bus.trimUpdates(documentId, trimUpTo);
    deps.logger.debug({ docId: documentId, versionId: version.id, upTo: captured.upTo }, 'compacted from memory');
    await announce(documentId, version, captured.unsaved.textLength, captured.upTo);
    return 'saved';
  }

  /** Loaders of this version skip the entries it holds and trust its bytes by checksum (document-state.ts); without the mark they read and decode them again, nothing worse. */
  async function markSaved(documentId: string, versionId: string, upTo: string, data: Uint8Array): Promise<void> {
    await bus.markSaved(documentId, { versionId, upTo, crc32: crc32(data) }).catch((error: Error) => {
      deps.logger.warn({ docId: documentId, versionId, err: error.message }, 'saved mark not recorded; loaders read the held entries again');
    });
  }

  function announce(
    documentId: string,
    version: { id: string; sizeBytes: number; createdAt: string },
    textLength: number,
    upToEntryId?: string,
  ): Promise<void> {
    return bus.publishEvent({
      type: 'snapshot-saved',
      documentId,
      versionId: version.id,
      sizeBytes: version.sizeBytes,
      textLength,
      savedAt: version.createdAt,
      ...(upToEntryId === undefined ? {} : { upToEntryId }),
    });
  }

  async function underLease(documentId: string, work: () => Promise<CompactionResult>): Promise<CompactionResult> {
    const lease = `compact:${documentId}`;
    if (!(await bus.acquireLease(lease, holder, LEASE_TTL_MS))) {
      metrics.compactions.inc({ result: 'busy' });
      return 'busy';
    }
    try {
      const result = await work();
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
  }

  return {
    compact: (documentId) => underLease(documentId, () => mergeAndSave(documentId)),
    compactRoom: (documentId, room) => underLease(documentId, () => saveRoom(documentId, room)),
  };
}

/** A deleted document leaves a marker; saving after it would bring its snapshot back. */
async function isDeleted(bus: RevocationMarkers, documentId: string): Promise<boolean> {
  // Issued at 0: any deletion of the document, ever (within the marker's life), counts.
  return (await bus.revokedBy({ documentId, sessionId: '', userId: '', issuedAtMs: 0 })) === 'document';
}

