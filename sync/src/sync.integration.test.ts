import { createRedisBus, type DocumentBus } from '@codesync/bus';
import { createS3SnapshotStore, type SnapshotStore } from '@codesync/storage';
import {
  loadTrace,
  startTestS3,
  testLogger,
  testRedisPrefix,
  waitFor,
  type TestS3,
} from '@codesync/testing';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  compactionCount,
  connectClient,
  documentToken,
  startSyncServer,
  storedText,
  waitAllText,
  waitConverged,
  waitSynced,
  type TestClient,
  type TestSyncServer,
} from '../test/harness.js';
import { describeOnEachRedis, type RedisUnderTest } from '../test/redis-targets.js';

// Two sync instances on one real Redis (own key prefix), then on a real 3-primary
// Redis Cluster started here, and a real S3 API (s3rver).
describeOnEachRedis('sync across instances, S3 snapshots', describeAcrossInstances);

function describeAcrossInstances(startRedis: () => Promise<RedisUnderTest>): void {
  const prefix = testRedisPrefix();
  let redis: RedisUnderTest;
  let s3: TestS3;
  let store: SnapshotStore;
  const buses: DocumentBus[] = [];
  let one: TestSyncServer;
  let two: TestSyncServer;
  let clients: TestClient[] = [];
  const docId = () => `doc-${Math.random().toString(36).slice(2, 10)}`;
  const bus = () => {
    const b = createRedisBus({ url: redis.url, cluster: redis.cluster, keyPrefix: prefix, logger: testLogger() });
    buses.push(b);
    return b;
  };
  const client = async (server: TestSyncServer, documentId: string) => {
    const c = connectClient(server.url, documentId, await documentToken(documentId));
    clients.push(c);
    return c;
  };
  const generous = { messagesPerSecond: 1e6, messageBurst: 1e6 };

  beforeAll(async () => {
    redis = await startRedis();
    s3 = await startTestS3();
    store = createS3SnapshotStore({
      bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const compaction = { debounceMs: 100, maxDelayMs: 500 };
    one = await startSyncServer({ bus: bus(), store, compaction, limits: generous });
    two = await startSyncServer({ bus: bus(), store, compaction, limits: generous });
  }, 60_000);

  afterEach(() => {
    for (const c of clients) c.destroy();
    clients = [];
  });

  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await Promise.all(buses.map((b) => b.close()));
    await s3?.stop();
    await redis?.release(prefix);
  });

  // SPEC 7, 8
  it('clients on different instances converge and see each other in awareness', async () => {
    const id = docId();
    const [a, b] = [await client(one, id), await client(two, id)];
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.text.insert(0, 'from one');
    await waitAllText([a, b], 'from one');
    b.text.insert(8, ', from two');
    await waitAllText([a, b], 'from one, from two');
    a.provider.awareness.setLocalStateField('user', { name: 'Grace', color: '#0af' });
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string })?.name === 'Grace'), {
      what: 'Grace across instances',
    });
    const graceId = a.doc.clientID;
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(graceId), { what: 'Grace gone across instances' });
  });

  // Bench S5 on two instances: joiners on B loading a room cold while the log's newest entries came via A.
  it('joiners on the other instance of a document just written via A get all of it', async () => {
    const id = docId();
    const writer = await client(one, id);
    await waitSynced(writer);
    for (let i = 0; i < 200; i++) writer.text.insert(writer.text.length, `line ${i}\n`);
    const expected = writer.text.toString();
    const joiners = await Promise.all([client(two, id), client(two, id), client(two, id)]);
    await Promise.all(joiners.map((j) => waitSynced(j)));
    await waitAllText(joiners, expected);
  });

  // SPEC 10, 13: both instances hold the room and compact it; the second learns from the first's
  // snapshot-saved event that its entries are saved, so one burst of edits makes one version.
  it('one version per burst when two instances hold the room', async () => {
    const id = docId();
    const [a, b] = [await client(one, id), await client(two, id)];
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const emptyBefore = (await compactionCount(one, 'empty')) + (await compactionCount(two, 'empty'));
    a.text.insert(0, 'typed on one');
    b.text.insert(0, 'typed on two, ');
    await waitFor(() => a.text.length === 26 && b.text.length === 26, { what: 'both edits on both instances' });
    const expected = await waitConverged([a, b]);
    await waitFor(async () => (await storedText(buses[0]!, store, id)) === expected && (await store.list(id)).length >= 1, {
      what: 'a saved version',
    });
    await waitFor(async () => (await compactionCount(one, 'empty')) + (await compactionCount(two, 'empty')) > emptyBefore, {
      what: 'the other instance finding nothing new',
      timeoutMs: 10_000,
    });
    const versions = await store.list(id);
    expect(versions).toHaveLength(1);
  });

  it('seeded random edits with disconnects on both instances always converge and equal storage', async () => {
    for (const seed of [1, 2, 3]) {
      const random = mulberry32(seed);
      const id = docId();
      const group: TestClient[] = [];
      for (let i = 0; i < 10; i++) group.push(await client(i % 2 === 0 ? one : two, id));
      await Promise.all(group.map((c) => waitSynced(c)));
      for (let step = 0; step < 300; step++) {
        const c = group[Math.floor(random() * group.length)]!;
        const roll = random();
        if (roll < 0.05) {
          if (c.provider.wsconnected) c.provider.disconnect();
          else c.provider.connect();
        } else if (roll < 0.7 || c.text.length === 0) {
          c.text.insert(Math.floor(random() * (c.text.length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)));
        } else {
          const at = Math.floor(random() * c.text.length);
          c.text.delete(at, Math.min(1 + Math.floor(random() * 3), c.text.length - at));
        }
        if (step % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      for (const c of group) if (!c.provider.wsconnected) c.provider.connect();
      const text = await waitConverged(group, 20_000);
      await waitFor(async () => (await storedText(buses[0]!, store, id)) === text, { what: `seed ${seed} stored`, timeoutMs: 10_000 });
    }
  });

  it('replays a real editing trace dealt out to clients on both instances', async () => {
    const trace = loadTrace('sveltecomponent');
    const id = docId();
    const group = [await client(one, id), await client(two, id), await client(one, id), await client(two, id)];
    await Promise.all(group.map((c) => waitSynced(c)));
    const chunk = 500;
    for (let start = 0; start < trace.txns.length; start += chunk) {
      const writer = group[(start / chunk) % group.length]!;
      for (const txn of trace.txns.slice(start, start + chunk)) {
        writer.doc.transact(() => {
          for (const [position, deleteCount, text] of txn.patches) {
            if (deleteCount > 0) writer.text.delete(position, deleteCount);
            if (text) writer.text.insert(position, text);
          }
        });
      }
      // The next writer edits at positions that assume everything before: wait for it to catch up.
      const next = group[(start / chunk + 1) % group.length]!;
      const expected = writer.text.toString();
      await waitFor(() => next.text.toString() === expected, { what: `catch-up after txn ${start}`, timeoutMs: 15_000 });
    }
    await waitAllText(group, trace.endContent, 15_000);
    await waitFor(async () => (await storedText(buses[0]!, store, id)) === trace.endContent, { what: 'stored trace', timeoutMs: 10_000 });
    // A reload from storage alone (a fresh instance) gives the same text.
    const fresh = await client(two, id);
    await waitSynced(fresh);
    expect(fresh.text.toString()).toBe(trace.endContent);
  });
}

/** Small seeded PRNG so a failing seed can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
