import * as Y from 'yjs';

/**
 * Whether stored bytes are a Yjs update a loader can apply: the one place a
 * snapshot is judged readable. It decodes the update's structs and delete set
 * without applying them to any document, so an empty, truncated or garbled
 * object is caught before a loader trusts it as the document's base.
 */
export function isReadableState(data: Uint8Array): boolean {
  if (data.byteLength === 0) return false;
  try {
    Y.decodeUpdate(data);
    return true;
  } catch {
    // Any decoding error means the same thing here: not a usable snapshot (the caller logs which one).
    return false;
  }
}
