import { randomUUID } from 'node:crypto';
import { describeWithRedis, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { scale } from '../test/scale.js';
import { storedText } from '../test/stored.js';
import { startSyncCluster, type SyncCluster } from '../test/sync-cluster.js';
import { documentToken } from '../test/sync-server.js';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';
import { missingMarks, startTyping } from '../test/typing.js';

// SIGTERM to one of two sync processes while ten people type through a load
// balancer: it flushes and exits 0, its clients land on the other instance,
// and not one keystroke is lost.
describeWithRedis('graceful shutdown under editing', () => {
  let cluster: SyncCluster;
  let balancer: TcpProxy;
  const editors: Editor[] = [];

  beforeAll(async () => {
    cluster = await startSyncCluster(2);
    balancer = await startTcpProxy(cluster.instances.map((i) => ({ host: '127.0.0.1', port: i.port })));
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await balancer?.stop();
    await cluster?.close();
  });

  it('moves every client to the other instance and loses no edit', async () => {
    const [leaving, staying] = cluster.instances as [NonNullable<SyncCluster['instances'][0]>, NonNullable<SyncCluster['instances'][0]>];
    const documentId = `drain-${randomUUID()}`;
    for (let i = 0; i < 10; i++) editors.push(connectEditor(`ws://127.0.0.1:${balancer.port}`, documentId, await documentToken(documentId)));
    await waitSynced(editors);
    const health = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/socket/health`)).json()) as { connections: number };
    expect((await health(leaving.port)).connections).toBeGreaterThan(0);

    const typing = startTyping(editors, { name: 'g', intervalMs: 30 });
    await waitFor(() => typing.total() >= 100, { what: 'typing before SIGTERM' });
    const exitCode = await leaving.stop();
    expect(exitCode).toBe(0);
    const marksAtExit = typing.total();
    await waitFor(async () => (await health(staying.port)).connections === editors.length && editors.every((e) => e.provider.wsconnected), {
      timeoutMs: 15_000,
      what: 'every client reconnected to the remaining instance',
    });
    await waitFor(() => typing.total() >= marksAtExit + 100, { what: 'typing after the move' });
    typing.stop();

    const text = await waitConverged(editors);
    expect(missingMarks(typing.typed, text)).toEqual([]);
    await waitFor(async () => (await storedText(cluster.bus, cluster.store, documentId)) === text, { what: 'storage to hold every mark' });
    expect(leaving.stderr()).not.toMatch(/uncaught|unhandled/i);
    recordFigure('graceful-shutdown', { editors: editors.length, marksTyped: typing.total(), moved: editors.filter((e) => e.closes.includes(1012)).length });
  }, scale.testTimeoutMs);
});
