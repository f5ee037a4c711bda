import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canApply, probeApply } from './update-checks.js';

/** Updates of every kind an editor sends: inserts, deletions, formatting, map sets, merged batches. */
function editorUpdates(gen: prng.PRNG): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 600; i++) {
    const r = prng.real53(gen);
    if (r < 0.6 || text.length < 5) text.insert(prng.uint32(gen, 0, text.length), i % 2 ? 'ab' : 'c');
    else if (r < 0.8) text.delete(prng.uint32(gen, 0, text.length - 3), 2);
    else if (r < 0.9) text.format(0, 3, { bold: i });
    else doc.getMap('meta').set(`k${i % 5}`, { v: i });
  }
  // A second client editing on top of the first one's text, and merged batches of both.
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 100; i++) {
    const t = other.getText('content');
    if (i % 3) t.insert(prng.uint32(gen, 0, t.length), 'q');
    else t.delete(prng.uint32(gen, 0, t.length - 4), 3);
  }
  for (let i = 0; i < 60; i++) {
    const at = prng.uint32(gen, 0, updates.length - 6);
    updates.push(Y.mergeUpdates(updates.slice(at, at + 5)));
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

describe('canApply (SPEC 4: an update Yjs cannot apply never reaches the log)', () => {
  it('agrees with applying to an empty document, on valid and on corrupted updates', () => {
    const gen = prng.create(20261123);
    const updates = editorUpdates(gen);
    for (const update of updates) expect(canApply(update)).toBe(true);
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const update = mutate(gen, prng.oneOf(gen, updates));
      const expected = probeApply(update);
      if (!expected) refused += 1;
      if (canApply(update) !== expected) throw new Error(`disagrees with the probe on [${update.join(',')}]`);
    }
    // The corruption must actually produce refusals, or the comparison proves nothing.
    expect(refused).toBeGreaterThan(5_000);
  });

  it('refuses a deletion of zero length, which decodes but breaks every later load', () => {
    const doc = new Y.Doc();
    const client = doc.clientID;
    // 0 structs; delete set: 1 client, 1 range (clock 521, length 0).
    const encoder = [0, 1, ...varUint(client), 1, ...varUint(521), 0];
    expect(() => Y.decodeUpdate(Uint8Array.from(encoder))).not.toThrow();
    expect(canApply(Uint8Array.from(encoder))).toBe(false);
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
