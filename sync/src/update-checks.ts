import * as Y from 'yjs';

/**
 * Every byte-level judgement of an update lives here: what the sync service
 * decides about a client's bytes before they can reach the log.
 */

/** True for an update that changes nothing (no structs, no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  // An empty update encodes as two zero varUints: 0 structs, 0 delete-set clients.
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/**
 * Judges an update before it can reach the log. Decoding is not enough: some
 * updates decode but throw when integrated, and one in the log would make
 * every later load and compaction of the document throw. Applying it to an
 * empty document integrates what it carries (anything that depends on state
 * the server has waits as pending), at the cost of the update's own size.
 */
export function canApply(update: Uint8Array): boolean {
  return waitsWhole(update) || probeApply(update);
}

/**
 * True when applying the update to an empty document would only decode it and
 * hold it as pending — the case of nearly every keystroke, whose client has
 * sent earlier edits. In an empty document a client's structs integrate only
 * from clock 0, so an update starting later for every client integrates
 * nothing; what storing it as pending can still trip over is a zero-length
 * deletion (Yjs's encoder refuses one), checked here. Anything else, or
 * anything that does not decode, is left to the probe. Fuzzed against the
 * probe in update-checks.test.ts: never true where the probe refuses.
 */
function waitsWhole(update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  for (const struct of decoded.structs) if (struct.id.clock === 0) return false;
  for (const deletions of decoded.ds.clients.values()) {
    for (const deletion of deletions) if (deletion.len === 0) return false;
  }
  return true;
}

export function probeApply(update: Uint8Array): boolean {
  // A fixed guid spares the random uuid a new Y.Doc would draw (the probe is thrown away).
  const probe = new Y.Doc({ gc: false, guid: 'probe' });
  try {
    Y.applyUpdate(probe, update);
    return true;
  } catch {
    return false;
  } finally {
    probe.destroy();
  }
}
