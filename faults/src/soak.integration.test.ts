import { describeWithRedis, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { metricValues } from '../test/metrics.js';
import type { AppProcess } from '../test/processes.js';
import { seededRandom } from '../test/random.js';
import { scale } from '../test/scale.js';
import { storedText } from '../test/stored.js';
import { startSyncCluster, type SyncCluster } from '../test/sync-cluster.js';
import { documentToken } from '../test/sync-server.js';
import { missingMarks, startTyping, type Typists } from '../test/typing.js';

interface Sample {
  rssMb: number;
  eldP99Ms: number;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

// Many clients typing in many rooms on two instances for a bounded time: no
// error, memory and event-loop delay reported over the run, and at the end
// every room has converged and equals what storage holds.
describeWithRedis('soak', () => {
  let cluster: SyncCluster;
  const editors: Editor[] = [];

  beforeAll(async () => {
    cluster = await startSyncCluster(2);
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await cluster?.close();
  });

  async function sample(instance: AppProcess): Promise<Sample> {
    const url = `http://127.0.0.1:${instance.port}/socket/metrics`;
    const [rss = 0, eld = 0] = await metricValues(url, ['codesync_sync_process_resident_memory_bytes', 'codesync_sync_nodejs_eventloop_lag_p99_seconds']);
    return { rssMb: rss / 2 ** 20, eldP99Ms: eld * 1000 };
  }

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

    // Each client types about once a second (a fast typist's word rate), offsets spread.
    const typists: Typists[] = [...byRoom.values()].map((roomEditors, i) =>
      startTyping(roomEditors, { name: `k${i}-`, intervalMs: 800 + Math.floor(random() * 400), random }),
    );
    const samples: Sample[][] = [];
    const started = performance.now();
    await waitFor(
      async () => {
        samples.push(await Promise.all(cluster.instances.map(sample)));
        return performance.now() - started >= scale.soakSeconds * 1000;
      },
      { timeoutMs: scale.soakSeconds * 1000 + 30_000, intervalMs: 2000, what: 'the soak period' },
    );
    for (const typist of typists) typist.stop();

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

    const flat = samples.flat();
    const half = Math.floor(samples.length / 2);
    const rssFirst = mean(samples.slice(1, half).flat().map((s) => s.rssMb));
    const rssLast = mean(samples.slice(half).flat().map((s) => s.rssMb));
    recordFigure('soak', {
      clients: scale.soakClients,
      rooms: scale.soakRooms,
      seconds: scale.soakSeconds,
      marksTyped: typists.reduce((n, t) => n + t.total(), 0),
      rssFirstHalfMb: Math.round(rssFirst),
      rssSecondHalfMb: Math.round(rssLast),
      rssMaxMb: Math.round(Math.max(...flat.map((s) => s.rssMb))),
      eldP99MaxMs: Math.round(Math.max(...flat.map((s) => s.eldP99Ms))),
      eldP99MeanMs: Math.round(mean(flat.map((s) => s.eldP99Ms))),
    });
    // Stable memory: no runaway growth from the first half of the run to the second.
    expect(rssLast).toBeLessThan(rssFirst * 1.5 + 32);
  }, scale.testTimeoutMs);
});
