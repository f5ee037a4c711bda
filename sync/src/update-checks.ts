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

/** Clocks an update writes for one client: from `first` up to (not including) `end`. */
export interface ClientRange {
  first: number;
  end: number;
}

/** What an accepted update writes: the clock range of each client whose content it carries. */
export interface UpdateSummary {
  writes: Map<number, ClientRange>;
  /** UTF-8 bytes of the text it adds that the room does not hold yet (what the document size limit counts). */
  newTextBytes: number;
}

export type Judgement = { ok: true; summary: UpdateSummary } | { ok: false; reason: string };

/**
 * Judges an update against the document it would join (SPEC 18), at decode
 * level: Yjs 13 has no dry run and no rollback, and applying it to a copy
 * would cost the document's size per keystroke. Yjs trusts a struct's
 * references to its own client's clocks (it never waits for them): one that
 * points at or past the struct itself throws inside the room ("Unexpected
 * case") after it was stored. So every origin, right origin and parent id
 * of the struct's own client must lie below the struct's clock; an id of
 * another client is held, comes in the same update, or makes the struct wait
 * as pending (Yjs keeps it aside), which is no harm. An origin and a right
 * origin the room holds must sit in the same list (Yjs would link the new
 * item into two lists and corrupt the document). Deletions of zero length
 * (Yjs's encoder refuses them later), structs of zero length and
 * subdocuments (the app has none) are refused. Fuzzed against a real apply
 * on a copy of a room's state in update-checks.test.ts.
 */
export function judgeUpdate(doc: Y.Doc, update: Uint8Array): Judgement {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'undecodable update' };
  }
  const writes = new Map<number, ClientRange>();
  let newTextBytes = 0;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (struct.length <= 0) return { ok: false, reason: 'empty struct' };
    if (struct instanceof Y.Item) {
      if (struct.content instanceof Y.ContentDoc) return { ok: false, reason: 'subdocument' };
      for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
        if (ref instanceof Y.ID && ref.client === client && ref.clock >= clock) {
          return { ok: false, reason: 'reference to its own future' };
        }
      }
      if (!sameList(doc, struct.origin, struct.rightOrigin)) return { ok: false, reason: 'origins in two lists' };
      if (struct.content instanceof Y.ContentString) newTextBytes += newBytes(doc, struct, struct.content.str);
    }
    const range = writes.get(client);
    if (!range) writes.set(client, { first: clock, end: clock + struct.length });
    else {
      range.first = Math.min(range.first, clock);
      range.end = Math.max(range.end, clock + struct.length);
    }
  }
  for (const deletions of decoded.ds.clients.values()) {
    for (const deletion of deletions) if (deletion.len <= 0) return { ok: false, reason: 'empty deletion' };
  }
  return { ok: true, summary: { writes, newTextBytes } };
}

/** False when the room holds both origins as items of different lists (parent or key). */
function sameList(doc: Y.Doc, origin: Y.ID | null, rightOrigin: Y.ID | null): boolean {
  if (!origin || !rightOrigin || !holds(doc, origin) || !holds(doc, rightOrigin)) return true;
  const left = Y.getItem(doc.store, origin);
  const right = Y.getItem(doc.store, rightOrigin);
  if (!(left instanceof Y.Item) || !(right instanceof Y.Item)) return true;
  return left.parent === right.parent && left.parentSub === right.parentSub;
}

function holds(doc: Y.Doc, id: Y.ID): boolean {
  return id.clock < Y.getState(doc.store, id.client);
}

/** UTF-8 bytes of the part of a string item past what the room holds of its client (a re-send adds nothing). */
function newBytes(doc: Y.Doc, item: Y.Item, text: string): number {
  const held = Y.getState(doc.store, item.id.client) - item.id.clock;
  if (held <= 0) return Buffer.byteLength(text);
  return held >= text.length ? 0 : Buffer.byteLength(text.slice(held));
}
