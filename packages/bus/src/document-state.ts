import { compareEntryIds, type BusEntry, type UpdateLog } from './document-bus.js';
import type { SavedMarks, SetAsideShelf } from './document-records.js';

export interface SnapshotSource {
  /** The newest readable version; `known`: one whose bytes need no decoding to be trusted if their checksum holds. */
  latest(documentId: string, known?: { versionId: string; crc32: number }): Promise<{ id: string; data: Uint8Array } | null>;
}

export interface DocumentState {
  /** Id of the last log entry read, or the last one the snapshot holds ('0' for neither): read live entries after it. */
  lastEntryId: string;
  /** The log entries to apply on top of the snapshot, in order (those it holds already, and those set aside, are left out). */
  entries: BusEntry[];
  snapshot: Uint8Array | null;
  /** The last log entry the snapshot is known to hold (its saved mark), if any: entries up to it may still be in the log. */
  heldUpTo?: string;
}

/**
 * Reads a document's current state as snapshot + log, in the one order that
 * is safe against a concurrent compaction: the log first, then the snapshot.
 * An entry the compactor trims in between was saved in a snapshot before the
 * trim, so the snapshot read afterwards has it. `afterLogRead` runs between
 * the two reads (the sync service subscribes there, before the compactor's
 * trim lag runs out).
 *
 * The log is read after the newest save's mark: the entries the trim lag
 * keeps though that version holds them are neither read nor sent again. If
 * the snapshot read is not that version or a newer one (the store fell back
 * past an unreadable newest version), the log is read again from its start.
 * The mark's checksum spares the store decoding the version to trust it.
 *
 * Entries set aside (they threw while loading: SPEC 18) stay in the log until
 * a save trims them; they are left out here, so no fresh joiner is sent one
 * and no rebuild meets it again. Their ids come with the mark (one round trip
 * on Redis: same hash tag, pipelined).
 */
export async function readDocumentState(
  bus: Pick<UpdateLog, 'readUpdates'> & Pick<SavedMarks, 'savedMark'> & Pick<SetAsideShelf, 'setAsideIds'>,
  snapshots: SnapshotSource,
  documentId: string,
  afterLogRead?: (lastEntryId: string) => void,
): Promise<DocumentState> {
  const [mark, setAside] = await Promise.all([bus.savedMark(documentId), bus.setAsideIds(documentId)]);
  const kept = (read: BusEntry[]) => (setAside.size === 0 ? read : read.filter((entry) => !setAside.has(entry.id)));
  const read = await bus.readUpdates(documentId, mark?.upTo ?? '0');
  let entries = kept(read);
  const lastEntryId = read.at(-1)?.id ?? mark?.upTo ?? '0';
  afterLogRead?.(lastEntryId);
  const snapshot = await snapshots.latest(documentId, mark ? { versionId: mark.versionId, crc32: mark.crc32 } : undefined);
  if (!mark) return { lastEntryId, entries, snapshot: snapshot?.data ?? null };
  if (snapshot && snapshot.id >= mark.versionId) return { lastEntryId, entries, snapshot: snapshot.data, heldUpTo: mark.upTo };
  // An older snapshot than the mark's: what the log still holds before the mark is needed too (up to where we subscribed).
  entries = kept(await bus.readUpdates(documentId)).filter((entry) => compareEntryIds(entry.id, lastEntryId) <= 0);
  return { lastEntryId, entries, snapshot: snapshot?.data ?? null };
}

/**
 * How long entries stay in the log after they are merged into a snapshot: a
 * loader that has read the log but not yet started reading it live can only
 * miss what is trimmed in that gap, so nothing younger than this is trimmed.
 */
export const TRIM_LAG_MS = 10_000;

/** The newest id the compactor may trim up to after saving everything up to `upTo`: nothing younger than the lag. */
export function trimPoint(upTo: string, lagMs = TRIM_LAG_MS, nowMs = Date.now()): string {
  const cutoff = `${nowMs - lagMs}-0`;
  return compareEntryIds(upTo, cutoff) < 0 ? upTo : cutoff;
}
