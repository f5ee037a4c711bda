import { defaultContentLimits, defaultSocketLimits, DOCUMENT_LOG_LIMIT_ENTRIES, type ContentLimits } from '@codesync/protocol';

/** Everything the sync service limits (SPEC 21), each overridable through the environment (LIMIT_*, README). */
export interface SyncLimits extends ContentLimits {
  /** Messages per second a connection may send, sustained (over: 4429). */
  messagesPerSecond: number;
  /** Messages a connection may send at once. */
  messageBurst: number;
  /** Bytes queued to a slow client before it is cut off (1013). */
  maxBufferedBytes: number;
  /** Open document sockets per user on one instance (over: 4429). */
  socketsPerUser: number;
  /** Largest frame the transport reads (over: 1009). */
  frameBytes: number;
  /** Unsaved log entries a room may hold while saving fails (over: 1013). */
  logEntries: number;
}

/** Content defaults come from @codesync/protocol, the one source the web app checks against too. */
export const defaultSyncLimits: SyncLimits = {
  ...defaultContentLimits,
  ...defaultSocketLimits,
  logEntries: DOCUMENT_LOG_LIMIT_ENTRIES,
  maxBufferedBytes: 64 * 1024 * 1024,
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
