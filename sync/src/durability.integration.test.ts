import { createRedisBus, type DocumentBus } from '@codesync/bus';
import { createS3SnapshotStore, type SnapshotStore } from '@codesync/storage';
import {
  startTestS3,
  testLogger,
  testRedisPrefix,
  waitFor,
  type TestS3,
} from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killHard, startChildSync, type ChildSync } from '../test/child-sync.js';
import {
  connectClient,
  documentToken,
  startSyncServer,
  storedText,
  TEST_SECRET,
  waitConverged,
  waitSynced,
  type TestClient,
  type TestSyncServer,
} from '../test/harness.js';
import { describeOnEachRedis, type RedisUnderTest } from '../test/redis-targets.js';

// An instance killed with SIGKILL mid-edit loses nothing another instance's client had received:
// on one Redis, and on a real 3-primary Redis Cluster started here.
describeOnEachRedis('durability across kill -9', describeKillNine);

function describeKillNine(startRedis: () => Promise<RedisUnderTest>): void {
  const prefix = testRedisPrefix();
  let redis: RedisUnderTest;
  let s3: TestS3;
  let bus: DocumentBus;
  let store: SnapshotStore;
  let survivor: TestSyncServer;
  let env: Record<string, string>;
  const clients: TestClient[] = [];
  const children: ChildSync[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    s3 = await startTestS3();
    bus = createRedisBus({ url: redis.url, cluster: redis.cluster, keyPrefix: prefix, logger: testLogger() });
    store = createS3SnapshotStore({
      bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    survivor = await startSyncServer({ bus, store });
    env = {
      REDIS_URL: redis.url,
      REDIS_CLUSTER: String(redis.cluster),
      REDIS_KEY_PREFIX: prefix,
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      JWT_SECRET: TEST_SECRET,
    };
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const child of children) await killHard(child);
    await survivor?.close();
    await bus?.close();
    await s3?.stop();
    await redis?.release(prefix);
  });

  // SPEC 6
  it('keeps every edit the other instance saw, for several kill moments', async () => {
    for (const killAfter of [7, 23, 61]) {
      const id = `doc-kill-${killAfter}-${Date.now().toString(36)}`;
      const victim = await startChildSync(env);
      children.push(victim);
      const live: TestClient[] = [];
      for (let i = 0; i < 3; i++) live.push(connectClient(victim.url, id, await documentToken(id)));
      const observer = connectClient(survivor.url, id, await documentToken(id));
      clients.push(...live, observer);
      await Promise.all([...live, observer].map((c) => waitSynced(c, 10_000)));

      // Everything the observer (on the surviving instance) ever sees must survive.
      const seen = new Set<string>();
      observer.text.observe(() => {
        for (const mark of observer.text.toString().match(/\[[^\]]+\]/g) ?? []) seen.add(mark);
      });
      let sent = 0;
      const typing = setInterval(() => {
        for (const [w, c] of live.entries()) c.text.insert(c.text.length, `[w${w}-${sent}]`);
        sent += 1;
      }, 5);
      await waitFor(() => seen.size >= killAfter, { what: `${killAfter} edits seen`, timeoutMs: 10_000 });
      await killHard(victim);
      clearInterval(typing);
      const seenAtKill = new Set(seen);
      // The writers are gone too (tabs closed): nothing can be re-sent by a client that had it.
      for (const c of live) c.destroy();

      const restarted = await startChildSync(env, victim.port);
      children.push(restarted);
      const fresh = connectClient(restarted.url, id, await documentToken(id));
      clients.push(fresh);
      await waitSynced(fresh, 10_000);
      for (const mark of seenAtKill) expect(fresh.text.toString()).toContain(mark);
      const text = await waitConverged([observer, fresh], 20_000);
      // And storage (snapshot + log) holds it too, as a cold reload would see it.
      expect(await storedText(bus, store, id)).toBe(text);
      await killHard(restarted);
    }
  });
}
