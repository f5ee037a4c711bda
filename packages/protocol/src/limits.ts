import { MAX_CONTENT_BYTES } from './api-schemas.js';

// Default content limits, shared so that the web app refuses an edit before it enters
// its document with the same numbers the sync service refuses it with (a refused update
// would otherwise stay in the client's own Y.Doc and poison every later sync). The
// services let the environment override them; the web app keeps to these defaults.

/** A document's text, in UTF-8 bytes, however it grows (the REST content limit). */
export const DOCUMENT_TEXT_LIMIT_BYTES = MAX_CONTENT_BYTES;

/**
 * A document's whole Yjs state (text, deleted runs, anything else in it: what a joiner
 * downloads and every save writes), in encoded bytes. Eight times the text limit: text
 * typed into the web app stays far below it (a 1 MB text typed key by key, with its
 * edits, is a 2.4 MB state), so it binds content the web app never writes (maps, other
 * shared types) and runaway history. The sync service checks it; the web app does not.
 */
export const DOCUMENT_STATE_LIMIT_BYTES = 8 * DOCUMENT_TEXT_LIMIT_BYTES;

/** One Yjs update from a client: room for a whole document of the text limit in one paste. */
export const UPDATE_LIMIT_BYTES = 3 * 1024 * 1024;

/** One client's awareness state (user, cursor, a few small fields), JSON-encoded. */
export const AWARENESS_STATE_LIMIT_BYTES = 8 * 1024;

export interface ContentLimits {
  documentTextBytes: number;
  updateBytes: number;
  awarenessStateBytes: number;
}

export const defaultContentLimits: ContentLimits = {
  documentTextBytes: DOCUMENT_TEXT_LIMIT_BYTES,
  updateBytes: UPDATE_LIMIT_BYTES,
  awarenessStateBytes: AWARENESS_STATE_LIMIT_BYTES,
};

/**
 * Log entries a document may hold unsaved: when saving keeps failing, new updates are
 * refused (1013, try again later) instead of filling Redis; clients keep them and re-send.
 */
export const DOCUMENT_LOG_LIMIT_ENTRIES = 20_000;

/** What one socket may send (the sync service's defaults; the environment overrides them, README "Limits"). */
export const defaultSocketLimits = {
  /** Messages per second, sustained; more closes the socket with 4429. */
  messagesPerSecond: 300,
  /** Messages at once. */
  messageBurst: 1000,
  /** Open document sockets of one user on one sync instance; more: 4429. */
  socketsPerUser: 20,
  /** Largest frame the transport reads; larger: 1009. */
  frameBytes: 16 * 1024 * 1024,
  /**
   * Bytes waiting to be written to one client that reads too slowly (or not at all);
   * more: 1013. Twice the frame cap: a whole document's state fits, with room for the
   * edits that follow it.
   */
  queueBytes: 32 * 1024 * 1024,
} as const;
