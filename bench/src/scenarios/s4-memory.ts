import * as Y from 'yjs';
import { closeAll, connectMany } from '../clients/connect-many.js';
import { processRssBytes } from '../proc.js';
import { updateMessage } from '../protocol/frames.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { sleep, until } from '../stats.js';
import { kb, mb } from './format.js';

/** One update inserting `bytes` characters: a room's content. */
function contentUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const line = 'const value = compute(input) + offset; // padding\n';
  doc.getText('content').insert(0, line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function unloaded(context: ScenarioContext): Promise<boolean> {
  // A smoke run only checks that the steps work; it does not wait for rooms to unload.
  if (context.sizes.s4.settleMs === 0) return false;
  return until(async () => (await context.system.rooms()) === 0, context.sizes.s4.settleMs + 15_000, 250);
}

/** RSS after a short pause, so in-flight work settles. */
async function rss(pid: number, pauseMs: number): Promise<number> {
  await sleep(pauseMs);
  return processRssBytes(pid);
}

/**
 * S4: RSS of the (single) server process: idle sockets sharing a few rooms
 * (per connection), idle sockets each in its own room (connection + room),
 * then rooms holding content, and after everyone leaves (back to baseline?).
 */
export const memoryScenario: Scenario = {
  id: 'S4',
  title: 'S4 memory (RSS): per idle connection, per idle room, per content room, and after all rooms unload',
  notApplicable: (spec) => (spec.instances > 1 ? 'per-process figures: see the one-instance row' : undefined),
  async run(context) {
    const { system, tokens, sizes } = context;
    const { idleConnections: count, roomsWithContent, roomBytes, settleMs, pauseMs } = sizes.s4;
    const pid = system.pids()[0] ?? 0;
    // Warm up (JIT, buffers, first rooms), so the baseline is a running server, not a cold one.
    closeAll(await connectMany(system, tokens, Array.from({ length: Math.min(200, count) }, (_, i) => ({ documentId: `s4-warm-${i % 20}`, instance: 0 }))));
    await unloaded(context);
    const baseline = await rss(pid, pauseMs * 2);

    const sharedRooms = Math.max(1, Math.round(count / 100));
    let clients = await connectMany(system, tokens, Array.from({ length: count }, (_, i) => ({ documentId: `s4-shared-${i % sharedRooms}`, instance: 0 })));
    const perConnection = ((await rss(pid, pauseMs)) - baseline) / count;
    closeAll(clients);
    await unloaded(context);

    const beforeRooms = await rss(pid, pauseMs);
    clients = await connectMany(system, tokens, Array.from({ length: count }, (_, i) => ({ documentId: `s4-own-${i}`, instance: 0 })));
    const perConnectionAndRoom = ((await rss(pid, pauseMs)) - beforeRooms) / count;
    closeAll(clients);
    await unloaded(context);

    const beforeContent = await rss(pid, pauseMs);
    const content = updateMessage(contentUpdate(roomBytes));
    clients = await connectMany(system, tokens, Array.from({ length: roomsWithContent }, (_, i) => ({ documentId: `s4-content-${i}`, instance: 0 })), { concurrency: 50 });
    for (const client of clients) client.send(content);
    await sleep(pauseMs * 2);
    const peak = await rss(pid, pauseMs);
    const perContentRoom = (peak - beforeContent) / roomsWithContent;
    closeAll(clients);
    const allUnloaded = await unloaded(context);
    const after = await rss(pid, Math.max(settleMs, pauseMs));
    const back = Math.abs(after - baseline) <= baseline * 0.1;
    context.log(`  baseline ${mb(baseline)}, ${kb(perConnection)}/connection, ${kb(perConnectionAndRoom - perConnection)}/idle room, ${kb(perContentRoom)}/content room, peak ${mb(peak)}, after ${mb(after)}`);
    return {
      cells: {
        baseline: mb(baseline),
        'per connection': kb(perConnection),
        'per idle room': kb(perConnectionAndRoom - perConnection),
        [`per ${kb(roomBytes)} room`]: kb(perContentRoom),
        'peak → after unload': `${mb(peak)} → ${mb(after)}`,
        'back to baseline ±10 %': `${back ? 'yes' : 'no'}${allUnloaded ? '' : ' (rooms still loaded)'}`,
      },
      data: {
        baselineBytes: baseline,
        perConnectionKB: perConnection / 1024,
        perIdleRoomKB: (perConnectionAndRoom - perConnection) / 1024,
        perContentRoomKB: perContentRoom / 1024,
        peakBytes: peak,
        afterBytes: after,
        afterOverBaseline: after / baseline,
        backToBaseline: back,
        allUnloaded,
      },
    };
  },
  chart: {
    title: 'S4 memory: RSS per idle connection and per idle room (KB, lower is better)',
    series: [
      { label: 'per connection', unit: 'KB', field: 'perConnectionKB' },
      { label: 'per idle room', unit: 'KB', field: 'perIdleRoomKB' },
    ],
    lowerIsBetter: true,
  },
};
