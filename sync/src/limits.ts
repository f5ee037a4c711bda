import { defaultContentLimits, defaultSocketLimits, DOCUMENT_LOG_LIMIT_ENTRIES, DOCUMENT_STATE_LIMIT_BYTES, type ContentLimits } from '@codesync/protocol';

/** What a room judges each update against (SPEC 21). */
export interface RoomLimits extends ContentLimits {
  /** A document's encoded Yjs state, however it grows (over: 4413). */
  documentStateBytes: number;
  /** Unsaved log entries a room may hold while saving fails (over: 1013). */
  logEntries: number;
}

/** Everything the sync service limits (SPEC 21), each overridable through the environment (LIMIT_*, README). */
export interface SyncLimits extends RoomLimits {
  /** Messages per second a connection may send, sustained (over: 4429). */
  messagesPerSecond: number;
  /** Messages a connection may send at once. */
  messageBurst: number;
  /** Bytes queued to a slow client before it is cut off (1013). */
  queueBytes: number;
  /** Open document sockets per user on one instance (over: 4429). */
  socketsPerUser: number;
  /** Largest frame the transport reads (over: 1009). */
  frameBytes: number;
}

/** Content defaults come from @codesync/protocol, the one source the web app checks against too. */
export const defaultSyncLimits: SyncLimits = {
  ...defaultContentLimits,
  ...defaultSocketLimits,
  documentStateBytes: DOCUMENT_STATE_LIMIT_BYTES,
  logEntries: DOCUMENT_LOG_LIMIT_ENTRIES,
};

/**
 * True if the room's text stays within `limitBytes` once `newBytes` more arrive.
 * Three bytes per UTF-16 unit bound the text's UTF-8 size at no cost; only a
 * document near the limit pays for measuring it exactly.
 */
export function textFits(text: { length: number; toString(): string }, newBytes: number, limitBytes: number): boolean {
  if (newBytes === 0) return true;
  if (3 * text.length + newBytes <= limitBytes) return true;
  return Buffer.byteLength(text.toString()) + newBytes <= limitBytes;
}

/**
 * A room's encoded Yjs state size, judged per update without encoding the
 * document per keystroke: an upper bound (the last exact size plus every
 * update applied since; an update never grows the state by more than its own
 * bytes) that is measured exactly only when it is not enough to let an
 * update pass. Saves measure it anyway and reset it.
 */
export interface StateSize {
  /** True if the state stays within `limitBytes` once an update of `updateBytes` joins it. */
  fits(updateBytes: number, limitBytes: number): boolean;
  /** An update of this many bytes was applied. */
  grew(bytes: number): void;
  /** The state was encoded and measured this many bytes. */
  measured(bytes: number): void;
}

/** `measure` encodes the state and returns its size; `atMost` is a bound to start from. */
export function createStateSize(measure: () => number, atMost: number): StateSize {
  let bound = atMost;
  return {
    fits(updateBytes, limitBytes) {
      if (bound + updateBytes <= limitBytes) return true;
      bound = measure();
      return bound + updateBytes <= limitBytes;
    },
    grew(bytes) {
      bound += bytes;
    },
    measured(bytes) {
      bound = bytes;
    },
  };
}
