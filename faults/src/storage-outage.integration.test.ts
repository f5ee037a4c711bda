import { randomUUID } from 'node:crypto';
import { createRedisBus, type DocumentBus } from '@codesync/bus';
import { deleteRedisPrefix, describeWithRedis, testLogger, testRedisPrefix, testServices, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { scale } from '../test/scale.js';
import { metricValue } from '../test/metrics.js';
import { startRestartableS3, type RestartableS3 } from '../test/restartable-s3.js';
import { storedText } from '../test/stored.js';
import { documentToken, startSyncOnly, type SyncOnlyServer } from '../test/sync-server.js';
import { missingMarks, startTyping } from '../test/typing.js';

const COMPACTION = { debounceMs: 100, maxDelayMs: 400, maxEntries: 50 };

// The snapshot store (s3rver) goes away while two sync instances compact a
// busy document, then comes back on the same port with its data: the log is
// never trimmed while saves fail, compaction backs off and retries, and once
// the store returns a snapshot holds everything.
describeWithRedis('storage outage', () => {
  const prefix = testRedisPrefix();
  let s3: RestartableS3;
  const buses: DocumentBus[] = [];
  const servers: SyncOnlyServer[] = [];
  const editors: Editor[] = [];

  beforeAll(async () => {
    s3 = await startRestartableS3();
    for (let i = 0; i < 2; i++) {
      const bus = createRedisBus({ url: testServices.redisUrl!, keyPrefix: prefix, logger: testLogger() });
      buses.push(bus);
      servers.push(await startSyncOnly({ bus, store: s3.store(), compaction: COMPACTION, roomGraceMs: 60_000 }));
    }
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    for (const server of servers) await server.close();
    for (const bus of buses) await bus.close();
    await s3?.destroy();
    await deleteRedisPrefix(prefix);
  });

  it('never trims an entry whose snapshot was not written, retries with backoff, and loses nothing', async () => {
    const [bus] = buses as [DocumentBus];
    const store = s3.store();
    const documentId = `outage-${randomUUID()}`;
    for (let i = 0; i < 4; i++) editors.push(connectEditor(servers[i % 2]!.wsUrl, documentId, await documentToken(documentId)));
    await waitSynced(editors);
    const typing = startTyping(editors, { name: 's', intervalMs: 30 });
    await waitFor(async () => (await store.list(documentId)).length >= 1, { what: 'a first snapshot before the outage' });

    await s3.stop();
    const failedBefore = await failures();
    const logAtStop = await bus.updateCount(documentId);
    // While the store is down (about 3 s of typing), the log only grows: sampled all along.
    let last = logAtStop;
    const stoppedAt = performance.now();
    const marksAtStop = typing.total();
    await waitFor(async () => {
      const count = await bus.updateCount(documentId);
      expect(count).toBeGreaterThanOrEqual(last);
      last = count;
      return typing.total() >= marksAtStop + 400;
    }, { timeoutMs: 30_000, intervalMs: 50, what: 'typing during the outage' });
    const outageMs = performance.now() - stoppedAt;
    const failedDuringOutage = (await failures()) - failedBefore;
    // Tried, and backed off (1 s, 2 s, … per instance): not once per update.
    expect(failedDuringOutage).toBeGreaterThanOrEqual(1);
    expect(failedDuringOutage).toBeLessThanOrEqual(2 * (2 + Math.ceil(Math.log2(outageMs / 1000 + 1))));
    await s3.start();
    const versionsBefore = (await store.list(documentId)).length;

    await waitFor(async () => (await store.list(documentId)).length > versionsBefore, { timeoutMs: 40_000, what: 'a snapshot saved once the store is back' });
    typing.stop();
    const text = await waitConverged(editors);
    expect(missingMarks(typing.typed, text)).toEqual([]);
    await waitFor(async () => (await storedText(bus, store, documentId)) === text, { timeoutMs: 15_000, what: 'storage to hold the converged text' });
    recordFigure('storage-outage', { outageMs: Math.round(outageMs), compactionFailures: failedDuringOutage, marksTyped: typing.total(), logAtStop });
  }, scale.testTimeoutMs);

  async function failures(): Promise<number> {
    const values = await Promise.all(servers.map((s) => metricValue(`${s.url}/socket/metrics`, 'codesync_sync_compactions_total', 'result="failed"')));
    return values.reduce((a, b) => a + b, 0);
  }
});
