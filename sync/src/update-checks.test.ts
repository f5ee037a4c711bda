import { loadTrace, traceAvailable } from '@codesync/testing';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { futureOriginAttack, itemBetween } from '../test/crafted-updates.js';
import { judgeUpdate } from './update-checks.js';

/** Updates of every kind an editor sends: inserts, deletions, formatting, map sets, merged batches. */
function editorUpdates(gen: prng.PRNG): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 400; i++) {
    const r = prng.real53(gen);
    if (r < 0.6 || text.length < 5) text.insert(prng.uint32(gen, 0, text.length), i % 2 ? 'ab' : 'c');
    else if (r < 0.8) text.delete(prng.uint32(gen, 0, text.length - 3), 2);
    else if (r < 0.9) text.format(0, 3, { bold: i });
    else doc.getMap('meta').set(`k${i % 5}`, { v: i });
  }
  // A second client editing on top of the first one's text.
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 100; i++) {
    const t = other.getText('content');
    if (i % 3) t.insert(prng.uint32(gen, 0, t.length), 'q');
    else t.delete(prng.uint32(gen, 0, t.length - 4), 3);
  }
  return updates;
}

/** A real keystroke trace replayed as Yjs updates (the first `count` transactions). */
function traceUpdates(count: number): Uint8Array[] {
  const trace = loadTrace('sveltecomponent');
  const doc = new Y.Doc();
  const text = doc.getText('content');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const txn of trace.txns.slice(0, count)) {
    doc.transact(() => {
      for (const [at, del, ins] of txn.patches) {
        if (del > 0) text.delete(at, del);
        if (ins) text.insert(at, ins);
      }
    });
  }
  return updates;
}

function mutate(gen: prng.PRNG, update: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(update);
  for (let flips = prng.uint32(gen, 1, 3); flips > 0; flips--) {
    const at = prng.uint32(gen, 0, copy.length - 1);
    copy[at] = prng.bool(gen) ? prng.uint32(gen, 0, 255) : (copy[at] ?? 0) ^ (1 << prng.uint32(gen, 0, 7));
  }
  return copy;
}

/** Applies to a copy of the room's state, then reloads the result as a later load would; false if anything throws. */
function integratesCleanly(roomState: Uint8Array, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  const reloaded = new Y.Doc();
  try {
    Y.applyUpdate(copy, roomState);
    Y.applyUpdate(copy, update);
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(copy));
    reloaded.getText('content').toString();
    return true;
  } catch {
    return false;
  } finally {
    copy.destroy();
    reloaded.destroy();
  }
}

/** Fuzzes the check against a real apply on a copy of the room, the update mutated at the clock it was made for. */
function fuzz(updates: Uint8Array[], seed: number, trials: number): { passed: number; refused: number } {
  const gen = prng.create(seed);
  const checkpoints = [0, Math.floor(updates.length / 3), Math.floor((2 * updates.length) / 3), updates.length - 2];
  let passed = 0;
  let refused = 0;
  for (const at of checkpoints) {
    const room = new Y.Doc();
    for (const update of updates.slice(0, at)) Y.applyUpdate(room, update);
    const roomState = Y.encodeStateAsUpdate(room);
    for (let i = 0; i < trials; i++) {
      const next = updates[at + prng.uint32(gen, 0, Math.min(3, updates.length - at - 1))]!;
      const update = mutate(gen, next);
      if (!judgeUpdate(room, update).ok) {
        refused += 1;
        continue;
      }
      passed += 1;
      if (!integratesCleanly(roomState, update)) throw new Error(`passed the check but breaks the room: [${update.join(',')}] at ${at}`);
    }
    room.destroy();
  }
  return { passed, refused };
}

describe('judgeUpdate (SPEC 18: an update is judged against the room it would join)', () => {
  it('passes every honest update against the state it was made for', () => {
    const updates = editorUpdates(prng.create(1));
    const room = new Y.Doc();
    for (const update of updates) {
      expect(judgeUpdate(room, update).ok).toBe(true);
      Y.applyUpdate(room, update);
    }
  });

  it('never passes a mutated editor update that would break the room it joins', () => {
    const { passed, refused } = fuzz(editorUpdates(prng.create(20261130)), 20261130, 1500);
    // Both sides must occur, or the comparison proves nothing.
    expect(passed).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it.skipIf(!traceAvailable('sveltecomponent'))('never passes a mutated keystroke of a real trace that would break the room', () => {
    const { passed, refused } = fuzz(traceUpdates(1200), 7, 1500);
    expect(passed).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('refuses an item whose origin lies in its own client’s future (the update that destroyed a document for good)', () => {
    const { honest, attack } = futureOriginAttack();
    const room = new Y.Doc();
    expect(judgeUpdate(room, honest).ok).toBe(true);
    Y.applyUpdate(room, honest);
    expect(judgeUpdate(room, attack)).toEqual({ ok: false, reason: 'reference to its own future' });
    expect(integratesCleanly(Y.encodeStateAsUpdate(room), attack)).toBe(false);
  });

  it('refuses an item whose origins sit in two different lists of the room', () => {
    const room = new Y.Doc();
    room.getText('content').insert(0, 'text');
    room.getArray('other').insert(0, ['a', 'b']);
    const textId = room.clientID;
    const [textItem, arrayItem] = [room.getText('content')._start!, room.getArray('other')._start!];
    const attacker = textId + 1;
    expect(judgeUpdate(room, itemBetween(attacker, 0, 'x', textItem.id, arrayItem.id))).toEqual({ ok: false, reason: 'origins in two lists' });
    // The same item between two positions of one list passes.
    const honest = itemBetween(attacker, 0, 'x', { client: textId, clock: 1 }, { client: textId, clock: 2 });
    expect(judgeUpdate(room, honest).ok).toBe(true);
    expect(integratesCleanly(Y.encodeStateAsUpdate(room), honest)).toBe(true);
  });

  it('refuses a deletion of zero length, which decodes but breaks every later load', () => {
    const client = new Y.Doc().clientID;
    // 0 structs; delete set: 1 client, 1 range (clock 521, length 0).
    const update = Uint8Array.from([0, 1, ...varUint(client), 1, ...varUint(521), 0]);
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    expect(judgeUpdate(new Y.Doc(), update).ok).toBe(false);
  });
});

function varUint(n: number): number[] {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return bytes;
}
