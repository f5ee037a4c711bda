import { compareEntryIds, type BusEntry, type UpdateLog } from './document-bus.js';

export interface SnapshotSource {
  latest(documentId: string): Promise<{ data: Uint8Array } | null>;
}

export interface DocumentState {
  /** Updates to apply in order: the newest snapshot (if any), then the log entries. */
  updates: Uint8Array[];
  /** Id of the last log entry read ('0' for an empty log): read live entries after it. */
  lastEntryId: string;
  entries: BusEntry[];
  snapshot: Uint8Array | null;
}

/**
 * Reads a document's current state as snapshot + log, in the one order that
 * is safe against a concurrent compaction: the log first, then the snapshot.
 * An entry the compactor trims in between was saved in a snapshot before the
 * trim, so the snapshot read afterwards has it. `afterLogRead` runs between
 * the two reads (the sync service subscribes there, before the compactor's
 * trim lag runs out).
 */
export async function readDocumentState(
  bus: Pick<UpdateLog, 'readUpdates'>,
  snapshots: SnapshotSource,
  documentId: string,
  afterLogRead?: (lastEntryId: string) => void,
): Promise<DocumentState> {
  const entries = await bus.readUpdates(documentId);
  const lastEntryId = entries[entries.length - 1]?.id ?? '0';
  afterLogRead?.(lastEntryId);
  const snapshot = await snapshots.latest(documentId);
  const updates = entries.map((entry) => entry.data);
  if (snapshot) updates.unshift(snapshot.data);
  return { updates, lastEntryId, entries, snapshot: snapshot?.data ?? null };
}

/**
 * How long entries stay in the log after they are merged into a snapshot: a
 * loader that has read the log but not yet started reading it live can only
 * miss what is trimmed in that gap, so nothing younger than this is trimmed.
 */
export const TRIM_LAG_MS = 10_000;

/**
 * The last entry the compactor may trim after merging `entries` (those older
 * than `lagMs` before `nowMs`; log ids carry their append time), or undefined.
 */
export function trimBoundary(entries: readonly BusEntry[], lagMs = TRIM_LAG_MS, nowMs = Date.now()): string | undefined {
  const cutoff = `${nowMs - lagMs}-0`;
  let boundary: string | undefined;
  for (const entry of entries) {
    if (compareEntryIds(entry.id, cutoff) >= 0) break;
    boundary = entry.id;
  }
  return boundary;
}
