import * as Y from 'yjs';

/**
 * Whether stored bytes are a Yjs update a loader can apply: the one place a
 * snapshot is judged readable. It applies them to a scratch document, so an
 * empty, truncated or garbled object is caught before a loader trusts it as
 * the document's base, and so is one that decodes but throws while it is
 * integrated (an item whose origin lies in its own client's future). That
 * costs about three decodes; the store pays it only for bytes it cannot
 * trust by their checksum (snapshot-store.ts, `known`).
 */
export function isReadableState(data: Uint8Array): boolean {
  if (data.byteLength === 0) return false;
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, data);
    return true;
  } catch {
    // Any error means the same thing here: not a usable snapshot (the caller logs which one).
    return false;
  } finally {
    scratch.destroy();
  }
}
