import { addCheckpoint, type ClockRun, type TimeCheckpoint } from './client-times.js';

/**
 * What the bus keeps about a document besides its log: who owns each Yjs
 * client id, what was set aside because it would not load, and which log
 * entries the newest saved version holds. They live
 * with the document (Redis keys under its hash tag, or files beside its log
 * in embedded mode), never in PostgreSQL: the sync service needs no database.
 */

/** A Yjs client id's owner: the user who first wrote content with it, and the highest clock accepted for it. */
export interface ClientBinding {
  userId: string;
  /** Highest clock accepted under this client id (inclusive), as last recorded. */
  clock: number;
  /** When its content arrived (client-times.ts); absent or empty for content bound before times were recorded. */
  times?: TimeCheckpoint[];
}

export interface ClientBindings {
  /**
   * Binds each listed client id that nobody owns yet to `userId`, recording
   * the highest clock of its new content (a client id already bound to
   * `userId` has its clock raised) and, for ids `userId` owns, a time
   * checkpoint at the run's first clock when the newest is an interval old
   * (client-times.ts). Atomic per document. Resolves with the binding of
   * every listed client id afterwards, whoever owns it, without its times
   * (`clientBindings` reads those).
   */
  bindClients(documentId: string, userId: string, runs: Map<number, ClockRun>): Promise<Map<number, ClientBinding>>;
  /** Raises the recorded highest clock of client ids already bound (a saved snapshot holds them); never binds. */
  raiseClientClocks(documentId: string, clocks: Map<number, number>): Promise<void>;
  /** Every client id bound in the document. */
  clientBindings(documentId: string): Promise<Map<number, ClientBinding>>;
}

/** A log entry or snapshot that would not load, kept for inspection. */
export interface SetAsideItem {
  /** The log entry's id, or `snapshot:<versionId>`. */
  id: string;
  reason: string;
  /** When it was set aside (ms since the epoch). */
  at: number;
  data: Uint8Array;
}

export interface SetAsideShelf {
  /** Keeps the item (the same id twice is kept once). */
  setAside(documentId: string, item: SetAsideItem): Promise<void>;
  setAsideItems(documentId: string): Promise<SetAsideItem[]>;
  /** The ids kept (what a loader leaves out of the log, so no joiner or rebuild meets those entries again). */
  setAsideIds(documentId: string): Promise<Set<string>>;
}

/** Which log entries a saved snapshot version holds, and the checksum of its bytes. */
export interface SavedMark {
  versionId: string;
  /** Every log entry up to this id (inclusive) is in the version. */
  upTo: string;
  /** CRC-32 of the bytes saved: a loader finding them unchanged need not decode them to trust them. */
  crc32: number;
}

/**
 * The newest save's coverage of the log, so a loader that reads that version
 * reads (and a joiner is sent) only the entries after it, not the ones the
 * trim lag keeps in the log though the version holds them (document-state.ts).
 */
export interface SavedMarks {
  /** Records the mark, unless the one recorded is of a newer version. */
  markSaved(documentId: string, mark: SavedMark): Promise<void>;
  /** The newest mark, or null (never saved from the log, or recorded before marks existed). */
  savedMark(documentId: string): Promise<SavedMark | null>;
}

export type DocumentRecords = ClientBindings & SetAsideShelf & SavedMarks;

/** Most items kept per document: a flood of bad entries must not fill the store. */
export const SET_ASIDE_MAX_ITEMS = 100;

/** Applies `bindClients` to an in-memory map at `now` (the memory bus). */
export function bindInto(
  bindings: Map<number, ClientBinding>,
  userId: string,
  runs: Map<number, ClockRun>,
  now: number,
  intervalMs: number,
): Map<number, ClientBinding> {
  const result = new Map<number, ClientBinding>();
  for (const [client, { first, last }] of runs) {
    const current = bindings.get(client) ?? { userId, clock: last };
    const next =
      current.userId === userId
        ? { userId, clock: Math.max(last, current.clock), times: addCheckpoint(current.times ?? [], first, now, intervalMs) }
        : current;
    bindings.set(client, next);
    result.set(client, { userId: next.userId, clock: next.clock });
  }
  return result;
}

export function raiseInto(bindings: Map<number, ClientBinding>, clocks: Map<number, number>): boolean {
  let changed = false;
  for (const [client, clock] of clocks) {
    const current = bindings.get(client);
    if (current && clock > current.clock) {
      bindings.set(client, { ...current, clock });
      changed = true;
    }
  }
  return changed;
}
