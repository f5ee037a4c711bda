import { startTestRedisCluster, testLogger, testRedisPrefix, waitFor, type TestRedisCluster } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEntry, DocumentBus } from './document-bus.js';
import { createRedisKeys } from './keys.js';
import { createRedisBus } from './redis-bus.js';

// Online resharding moves a document's slot to another primary while it is
// being written and read: the writer follows MOVED/ASK, the reader keeps
// receiving (its log at once, then the new owner's bell: the old owner drops
// the channel without telling ioredis, so the feed subscribes again), and
// nothing is lost.
describe('Redis Cluster resharding', () => {
  const prefix = testRedisPrefix();
  let cluster: TestRedisCluster | undefined;
  const buses: DocumentBus[] = [];
  beforeAll(async () => {
    cluster = await startTestRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await cluster?.stop();
  });
  const bus = () => {
    const created = createRedisBus({ url: cluster!.url, cluster: true, keyPrefix: prefix, logger: testLogger() });
    buses.push(created);
    return created;
  };

  it('a document whose slot moves mid-edit loses no update and repeats none', async () => {
    const [writer, reader] = [bus(), bus()];
    const documentId = `doc-moving-${Date.now().toString(36)}`;
    const seen: BusEntry[] = [];
    reader.subscribe(documentId, '0', (_doc, entries) => seen.push(...entries));
    for (let i = 0; i < 5; i++) await writer.appendUpdate(documentId, new Uint8Array([i]), 'w');
    await waitFor(() => seen.length === 5, { what: 'updates before the move' });

    const moved = await cluster!.moveSlotOf(createRedisKeys(prefix).updates(documentId));
    expect(moved.from).not.toBe(moved.to);
    for (let i = 5; i < 10; i++) await writer.appendUpdate(documentId, new Uint8Array([i]), 'w');

    await waitFor(() => seen.length >= 10, { what: 'updates after the move', timeoutMs: 15_000 });
    expect(seen.map((e) => e.data[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await writer.readUpdates(documentId)).map((e) => e.data[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // And on from the new owner.
    for (let i = 10; i < 15; i++) await writer.appendUpdate(documentId, new Uint8Array([i]), 'w');
    await waitFor(() => seen.length >= 15, { what: 'updates after the reader followed the slot', timeoutMs: 15_000 });
    expect(seen.map((e) => e.data[0])).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });
});
