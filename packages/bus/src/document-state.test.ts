import { describe, expect, it } from 'vitest';
import type { BusEntry } from './document-bus.js';
import { createMemoryBus } from './memory-bus.js';
import { readDocumentState, trimBoundary } from './document-state.js';

const entry = (id: string): BusEntry => ({ id, kind: 'update', origin: 'x', data: new Uint8Array([1]) });

describe('trimBoundary', () => {
  it('keeps entries younger than the lag', () => {
    const entries = [entry('1000-0'), entry('5000-0'), entry('5000-1'), entry('14000-0'), entry('20000-0')];
    expect(trimBoundary(entries, 10_000, 20_000)).toBe('5000-1');
    expect(trimBoundary(entries, 0, 20_000)).toBe('14000-0');
    expect(trimBoundary(entries, 10_000, 60_000)).toBe('20000-0'); // an idle log is trimmed whole
    expect(trimBoundary([entry('20000-0')], 10_000, 20_000)).toBeUndefined();
    expect(trimBoundary([], 10_000, 20_000)).toBeUndefined();
  });
});

describe('readDocumentState', () => {
  it('reads the log before the snapshot, and gives the snapshot first in apply order', async () => {
    const bus = createMemoryBus();
    const order: string[] = [];
    await bus.appendUpdate('d', new Uint8Array([2]), 'x');
    const state = await readDocumentState(
      bus,
      { latest: async () => (order.push('snapshot'), { data: new Uint8Array([1]) }) },
      'd',
      () => order.push('log read'),
    );
    expect(order).toEqual(['log read', 'snapshot']);
    expect(state.updates.map((u) => [...u])).toEqual([[1], [2]]);
    expect(state.lastEntryId).toBe(state.entries[0]?.id);
  });
});
