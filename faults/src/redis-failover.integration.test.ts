import { startTestRedisCluster, waitFor, type TestRedisCluster } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import type { AppProcess } from '../test/processes.js';
import { scale } from '../test/scale.js';
import { storedText } from '../test/stored.js';
import { startSyncCluster, type SyncCluster } from '../test/sync-cluster.js';
import { documentToken } from '../test/sync-server.js';
import { missingMarks, startTyping } from '../test/typing.js';

// ElastiCache in cluster mode runs one replica per shard and fails over on its
// own. Here: a real 3-primary cluster with a replica each, two sync processes,
// editors on both typing into one document; the primary holding the
// document's slot is killed with SIGKILL mid-typing and its replica takes
// over. Both processes stay up, the editors keep typing, every mark reaches
// every editor, and storage ends equal to what they see.
describe('Redis Cluster primary failover (kill -9 of the document\'s primary)', () => {
  let redis: TestRedisCluster;
  let cluster: SyncCluster;
  const editors: Editor[] = [];

  beforeAll(async () => {
    redis = await startTestRedisCluster({ replicas: 1 });
    cluster = await startSyncCluster(2, { redis: { url: redis.url, cluster: true } });
  }, 60_000);

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await cluster?.close();
    await redis?.stop();
  });

  it('keeps both sync processes up and loses no keystroke while a replica takes over', async () => {
    const documentId = `failover-${Date.now().toString(36)}`;
    const [first, second] = cluster.instances as [AppProcess, AppProcess];
    for (let i = 0; i < 6; i++) {
      editors.push(connectEditor(cluster.wsUrl(i % 2 === 0 ? first : second), documentId, await documentToken(documentId), { maxBackoffMs: 1000 }));
    }
    await waitSynced(editors, 20_000);
    const typing = startTyping(editors, { name: 'f', intervalMs: 50 });
    await waitFor(() => typing.total() >= 30, { timeoutMs: 20_000, what: 'typing before the failover' });

    const killedAt = performance.now();
    // Every key of the document carries the hash tag {documentId}: this is its slot.
    const { killed, promoted } = await redis.killPrimaryOf(`{${documentId}}`);
    const failoverMs = performance.now() - killedAt;
    const typedAtFailover = typing.total();
    await waitFor(() => typing.total() >= typedAtFailover + 60, { timeoutMs: 30_000, what: 'typing after the failover' });
    typing.stop();

    const text = await waitConverged(editors, 60_000);
    expect(missingMarks(typing.typed, text)).toEqual([]);
    expect(cluster.instances.every((instance) => instance.alive())).toBe(true);
    await waitFor(async () => (await storedText(cluster.bus, cluster.store, documentId)) === text, {
      timeoutMs: 30_000,
      what: 'storage equal to what the editors see',
    });
    recordFigure('redis-failover', { killed, promoted, failoverMs: Math.round(failoverMs), marks: typing.total() });
  }, scale.testTimeoutMs);
});
