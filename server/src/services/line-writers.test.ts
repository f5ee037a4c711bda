import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writersByLine } from './line-writers.js';

/** A replica with a fixed client id, typing into a text shared with `peer` (if any). */
function replica(clientID: number, peer?: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (peer) Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
  return doc;
}

describe('writers by line', () => {
  it('splits each line into runs by client with columns and clocks; a blank line belongs to whoever made it', () => {
    const ada = replica(1);
    const text = ada.getText('t');
    for (const char of 'ab\n\n') text.insert(text.length, char); // typed key by key: one item each, merged by Yjs
    const bob = replica(2, ada);
    bob.getText('t').insert(1, 'X😀');
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(bob));
    expect(text.toString()).toBe('aX😀b\n\n');
    expect(writersByLine(text)).toEqual([
      {
        runs: [
          { client: 1, from: 0, to: 1, lastClock: 0 },
          // The emoji is two UTF-16 units: columns and clocks count them alike.
          { client: 2, from: 1, to: 4, lastClock: 2 },
          { client: 1, from: 4, to: 5, lastClock: 1 },
        ],
      },
      { runs: [], newline: { client: 1, clock: 3 } },
      { runs: [] },
    ]);
  });

  it('leaves deleted text out', () => {
    const doc = replica(1);
    const text = doc.getText('t');
    text.insert(0, 'hello\nworld');
    text.delete(1, 3);
    expect(writersByLine(text)).toEqual([
      { runs: [{ client: 1, from: 0, to: 1, lastClock: 0 }, { client: 1, from: 1, to: 2, lastClock: 4 }] },
      { runs: [{ client: 1, from: 0, to: 5, lastClock: 10 }] },
    ]);
  });
});
