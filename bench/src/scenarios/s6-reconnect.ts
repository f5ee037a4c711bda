import { closeAll, withTimeout } from '../clients/connect-many.js';
import { connectBenchClient, type BenchClient } from '../clients/bench-client.js';
import { typeUpdates } from '../clients/typing.js';
import { startCpuMeter } from '../proc.js';
import { awarenessMessage, updateMessage } from '../protocol/frames.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { sleep, until } from '../stats.js';
import { ms, round } from './format.js';

/** All clients connect at once (reconnecting as y-websocket does); returns joins per second. */
async function storm(context: ScenarioContext): Promise<{ clients: BenchClient[]; joinsPerSecond: number }> {
  const { system, tokens, sizes } = context;
  const { clients: count, rooms } = sizes.s6;
  const placements = Array.from({ length: count }, (_, i) => ({ documentId: `s6-room-${i % rooms}`, instance: i % 2 }));
  const signed = await tokens.many(placements.map((p, n) => ({ documentId: p.documentId, n })));
  const start = performance.now();
  const clients = placements.map((p, i) => {
    const instance = system.instances[Math.min(p.instance, system.instances.length - 1)];
    return connectBenchClient({ base: instance?.base ?? '', dialect: system.spec.dialect, documentId: p.documentId, token: signed[i] ?? '' }, { reconnect: true });
  });
  const synced = await withTimeout(Promise.all(clients.map((c) => c.synced())), 60_000, `${count} clients to join`).catch((error: Error) => {
    closeAll(clients);
    throw error;
  });
  return { clients, joinsPerSecond: count / ((Math.max(...synced) - start) / 1000) };
}

/** Every client sends a cursor once a second; the servers' CPU as % of one core. */
async function awarenessLoad(context: ScenarioContext, clients: BenchClient[]): Promise<number> {
  const seconds = context.sizes.s6.awarenessSeconds;
  if (seconds <= 0) return Number.NaN;
  const meter = startCpuMeter(context.system.pids());
  const ids = clients.map((_, i) => 1_000_000 + i);
  for (let s = 0; s < seconds; s++) {
    const tick = performance.now();
    clients.forEach((client, i) => client.send(awarenessMessage(ids[i] ?? 0, s + 1, { user: { name: `u${i}` }, cursor: { anchor: s, head: s } })));
    await sleep(Math.max(0, tick + 1000 - performance.now()));
  }
  const cpu = meter.stop();
  return (cpu.micros.reduce((a, b) => a + b, 0) / (cpu.wallMs * 1000)) * 100;
}

/**
 * S6: N clients over rooms join at once (joins/s), send 1 Hz awareness (CPU),
 * then every server process restarts and the clients reconnect with backoff:
 * time from the restart until every client has synced again.
 */
export const reconnectScenario: Scenario = {
  id: 'S6',
  title: 'S6 join storm, 1 Hz awareness, and reconnect storm after a server restart',
  async run(context) {
    const { system, sizes } = context;
    const { clients, joinsPerSecond } = await storm(context);
    try {
      // A little content per room, so a resync carries a document.
      const typed = typeUpdates(sizes.s6.rooms);
      for (let room = 0; room < sizes.s6.rooms; room++) clients[room]?.send(updateMessage(typed.updates[room] ?? new Uint8Array()));
      await sleep(200);
      const awarenessCpu = await awarenessLoad(context, clients);
      const restartAt = performance.now();
      await system.restart();
      const restartMs = performance.now() - restartAt;
      const all = await until(() => clients.every((c) => c.connects > 1 && c.syncedAt !== undefined), 60_000, 50);
      const resynced = clients.filter((c) => c.connects > 1 && c.syncedAt !== undefined);
      const stormMs = Math.max(...resynced.map((c) => (c.syncedAt ?? 0) - restartAt));
      context.log(`  ${Math.round(joinsPerSecond)} joins/s; awareness ${awarenessCpu.toFixed(0)} % CPU; restart ${ms(restartMs)} ms, all resynced after ${ms(stormMs)} ms (${resynced.length}/${clients.length})`);
      return {
        cells: {
          'joins/s': Math.round(joinsPerSecond).toString(),
          [`${clients.length} clients 1 Hz awareness CPU`]: Number.isNaN(awarenessCpu) ? '–' : `${awarenessCpu.toFixed(0)} %`,
          'process restart': `${ms(restartMs)} ms`,
          'all resynced after restart': all ? `${ms(stormMs)} ms` : `only ${resynced.length}/${clients.length} in 60 s`,
        },
        data: {
          joinsPerSecond: Math.round(joinsPerSecond),
          awarenessCpuPercent: round(awarenessCpu, 1),
          restartMs: round(restartMs),
          resyncedMs: all ? round(stormMs) : null,
          resynced: resynced.length,
          clients: clients.length,
        },
      };
    } finally {
      closeAll(clients);
    }
  },
  chart: {
    title: 'S6 reconnect storm: restart → every client synced again (ms, lower is better)',
    series: [
      { label: 'process restart', unit: 'ms', field: 'restartMs' },
      { label: 'all clients resynced', unit: 'ms', field: 'resyncedMs' },
    ],
    lowerIsBetter: true,
  },
};
