import { describe, expect, it } from 'vitest';
import { createMemoryBus } from './memory-bus.js';
import { readDocumentState, trimPoint } from './document-state.js';

describe('trimPoint', () => {
  it('trims up to what was saved, but nothing younger than the lag', () => {
    expect(trimPoint('5000-1', 10_000, 20_000)).toBe('5000-1');
    expect(trimPoint('14000-0', 10_000, 20_000)).toBe('10000-0');
    expect(trimPoint('20000-0', 10_000, 60_000)).toBe('20000-0'); // an idle log is trimmed whole
  });
});

const V1 = '0000000001000-aaaaaaaa';
const V2 = '0000000002000-aaaaaaaa';
const snapshotOf = (id: string) => ({ latest: async () => ({ id, data: Uint8Array.of(1) }) });

describe('readDocumentState', () => {
  it('reads the log before the snapshot', async () => {
    const bus = createMemoryBus();
    const order: string[] = [];
    const appended = await bus.appendUpdate('d', Uint8Array.of(2), 'x');
    const state = await readDocumentState(
      bus,
      { latest: async () => (order.push('snapshot'), { id: V1, data: Uint8Array.of(1) }) },
      'd',
      () => order.push('log read'),
    );
    expect(order).toEqual(['log read', 'snapshot']);
    expect([...state.snapshot!]).toEqual([1]);
    expect(state.entries.map((e) => e.id)).toEqual([appended]);
    expect(state.lastEntryId).toBe(appended);
  });

  it('leaves out the entries the saved version holds though the trim lag keeps them in the log', async () => {
    const bus = createMemoryBus();
    const held = await bus.appendUpdate('d', Uint8Array.of(2), 'x');
    await bus.markSaved('d', { versionId: V1, upTo: held, crc32: 7 });
    let subscribedAfter = '';
    const state = await readDocumentState(bus, snapshotOf(V1), 'd', (id) => (subscribedAfter = id));
    expect(state.entries).toEqual([]);
    expect(state.lastEntryId).toBe(held);
    expect(subscribedAfter).toBe(held);
    expect(state.heldUpTo).toBe(held);

    const after = await bus.appendUpdate('d', Uint8Array.of(3), 'x');
    // A newer version holds at least what the marked one did.
    const newer = await readDocumentState(bus, snapshotOf(V2), 'd');
    expect(newer.entries.map((e) => e.id)).toEqual([after]);
    expect(newer.lastEntryId).toBe(after);
  });

  it('reads the whole log when the store fell back to a version older than the mark', async () => {
    const bus = createMemoryBus();
    const held = await bus.appendUpdate('d', Uint8Array.of(2), 'x');
    await bus.markSaved('d', { versionId: V2, upTo: held, crc32: 7 });
    const after = await bus.appendUpdate('d', Uint8Array.of(3), 'x');
    const state = await readDocumentState(bus, snapshotOf(V1), 'd');
    expect(state.entries.map((e) => e.id)).toEqual([held, after]);
    expect(state.heldUpTo).toBeUndefined();
    const none = await readDocumentState(bus, { latest: async () => null }, 'd');
    expect(none.entries.map((e) => e.id)).toEqual([held, after]);
  });

  it('leaves out entries set aside earlier (no joiner is sent one, no rebuild meets it again), and still reads live after the last entry', async () => {
    const bus = createMemoryBus();
    const good = await bus.appendUpdate('d', Uint8Array.of(2), 'x');
    const bad = await bus.appendUpdate('d', Uint8Array.of(9), 'x');
    await bus.setAside('d', { id: bad, reason: 'Unexpected case', at: 1, data: Uint8Array.of(9) });
    let subscribedAfter = '';
    const state = await readDocumentState(bus, { latest: async () => null }, 'd', (id) => (subscribedAfter = id));
    expect(state.entries.map((e) => e.id)).toEqual([good]);
    expect(state.lastEntryId).toBe(bad);
    expect(subscribedAfter).toBe(bad);
    // The same after a fallback past the mark (the whole log is read again).
    await bus.markSaved('d', { versionId: V2, upTo: good, crc32: 7 });
    const fallback = await readDocumentState(bus, snapshotOf(V1), 'd');
    expect(fallback.entries.map((e) => e.id)).toEqual([good]);
  });
});
