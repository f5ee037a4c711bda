import { describeWithRedis, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { loadavg } from 'node:os';
import { seededRandom } from '../test/random.js';
import { scale } from '../test/scale.js';
import { rssHalves, sampleInstance, summarise, type Sample } from '../test/soak-samples.js';
import { storedText } from '../test/stored.js';
import { startSyncCluster, type SyncCluster } from '../test/sync-cluster.js';
import { documentToken } from '../test/sync-server.js';
import { missingMarks, startTyping, type Typists } from '../test/typing.js';

// Many clients typing in many rooms on two instances for a bounded time: no
// error, memory and event-loop delay reported over the run, and at the end
// every room has converged and equals what storage holds.
describeWithRedis('soak', () => {
  let cluster: SyncCluster;
  const editors: Editor[] = [];
  // Profiling the sync processes (docs/reliability.md): e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof --heapsnapshot-signal=SIGUSR2`.
  const nodeOptions = process.env.FAULTS_SYNC_NODE_OPTIONS;
  /**
   * With `--heapsnapshot-signal=SIGUSR2` the first instance writes a heap
   * snapshot before typing starts and once it stops, outside the sampled
   * period (writing one stops the process for seconds).
   */
  async function heapSnapshot(): Promise<void> {
    if (!nodeOptions?.includes('--heapsnapshot-signal=SIGUSR2')) return;
    cluster.instances[0]!.child.kill('SIGUSR2');
    // Answered once the snapshot is written; this scrape also starts the event-loop histograms afresh.
    await Promise.all(cluster.instances.map(sampleInstance));
  }

  beforeAll(async () => {
    cluster = await startSyncCluster(2, { env: nodeOptions ? { NODE_OPTIONS: nodeOptions } : {} });
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    // A CPU profile is written only when the process exits by itself (SIGTERM: it drains and exits 0).
    if (nodeOptions) await Promise.all(cluster?.instances.map((i) => i.stop()) ?? []);
    await cluster?.close();
  });

  it(`${scale.soakClients} clients in ${scale.soakRooms} rooms for ${scale.soakSeconds} s: no error, every room converged and stored`, async () => {
    const random = seededRandom(42);
    const rooms = Array.from({ length: scale.soakRooms }, (_, i) => `soak-${i}-${Date.now().toString(36)}`);
    const byRoom = new Map<string, Editor[]>(rooms.map((id) => [id, []]));
    for (let i = 0; i < scale.soakClients; i++) {
      const room = rooms[i % rooms.length]!;
      const instance = cluster.instances[Math.floor(i / rooms.length) % 2]!;
      const editor = connectEditor(cluster.wsUrl(instance), room, await documentToken(room), { maxBackoffMs: 1000 });
      editors.push(editor);
      byRoom.get(room)!.push(editor);
    }
    await waitSynced(editors, 60_000);
    await heapSnapshot();

    // Each client types about once a second (a fast typist's word rate), offsets spread.
    const typists: Typists[] = [...byRoom.values()].map((roomEditors, i) =>
      startTyping(roomEditors, { name: `k${i}-`, intervalMs: 800 + Math.floor(random() * 400), random }),
    );
    const samples: Sample[][] = [];
    const started = performance.now();
    const ownCpu = process.cpuUsage();
    await waitFor(
      async () => {
        samples.push(await Promise.all(cluster.instances.map(sampleInstance)));
        return performance.now() - started >= scale.soakSeconds * 1000;
      },
      { timeoutMs: scale.soakSeconds * 1000 + 30_000, intervalMs: 2000, what: 'the soak period' },
    );
    for (const typist of typists) typist.stop();
    const ownCpuUsed = process.cpuUsage(ownCpu);
    await heapSnapshot();
    // The editors run in this process on the same cores as the sync processes: their CPU inflates the sync processes' event-loop delay.
    const testCpuPercent = Math.round((ownCpuUsed.user + ownCpuUsed.system) / 10 / (performance.now() - started));
    const loadAverage = loadavg()[0]!.toFixed(2);

    for (const [i, roomEditors] of [...byRoom.values()].entries()) {
      const text = await waitConverged(roomEditors, 60_000);
      expect(missingMarks(typists[i]!.typed, text)).toEqual([]);
    }
    // Every room's stored state (snapshot + log) equals what its clients read.
    for (const [room, roomEditors] of byRoom) {
      await waitFor(async () => (await storedText(cluster.bus, cluster.store, room)) === roomEditors[0]!.text.toString(), {
        timeoutMs: 30_000,
        what: `room ${room} stored`,
      });
    }
    const unexpectedCloses = editors.flatMap((e) => e.closes).filter((code) => code !== 1000);
    expect(unexpectedCloses).toEqual([]);
    expect(cluster.instances.every((i) => i.alive())).toBe(true);

    const texts = [...byRoom.values()].map((roomEditors) => roomEditors[0]!.text.toString());
    recordFigure('soak', {
      clients: scale.soakClients,
      rooms: scale.soakRooms,
      seconds: scale.soakSeconds,
      marksTyped: typists.reduce((n, t) => n + t.total(), 0),
      // What the rooms hold at the end (each sync process holds every room): the content share of its memory.
      textMb: Number((texts.reduce((n, t) => n + t.length, 0) / 2 ** 20).toFixed(2)),
      ...summarise(samples),
      testCpuPercent,
      loadAverage,
    });
    // Stable memory: no runaway growth from the first half of the run to the second.
    const rss = rssHalves(samples);
    expect(rss.second).toBeLessThan(rss.first * 1.5 + 32);
  }, scale.soakTimeoutMs);
});
