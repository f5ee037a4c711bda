import { closeAll, connectMany } from '../clients/connect-many.js';
import { createLatencyRecorder } from '../clients/latency.js';
import { runTyping, type Typist } from '../clients/typing-load.js';
import { typeUpdates } from '../clients/typing.js';
import { startCpuMeter } from '../proc.js';
import type { Scenario } from '../scenario.js';
import { summarize, until } from '../stats.js';
import { ms, round } from './format.js';

/**
 * S7 pairs: where pair programming lives, many rooms of two, each typist at a
 * few keystrokes a second. On a two-instance system each pair is split over
 * the instances (every keystroke crosses Redis). Server CPU is the sync
 * processes' (summed, % of one core); Redis CPU is the private server's.
 */
export const pairsScenario: Scenario = {
  id: 'S7',
  title: 'S7 pairs: rooms of two typists at 5 keystrokes/s each — server CPU %, Redis CPU %, latency p50/p99/p99.9 (ms)',
  async run(context) {
    const { system, tokens, sizes, redis } = context;
    const { rooms, opsPerSecond, seconds } = sizes.s7;
    const recorder = createLatencyRecorder();
    const placements = Array.from({ length: rooms * 2 }, (_, i) => ({ documentId: `s7-pair-${Math.floor(i / 2)}`, instance: i % 2 }));
    const sockets = await connectMany(system, tokens, placements, { onUpdate: (key, at) => recorder.delivered(key, at) });
    const warmupSeconds = 1;
    const typed = Math.ceil(opsPerSecond * (seconds + warmupSeconds));
    const typists: Typist[] = sockets.map((client) => ({ client, typed: typeUpdates(typed), next: 0, awarenessClock: 0 }));
    try {
      // Warm-up (not measured): JIT and first-use costs stay out.
      const warm = await runTyping(typists, recorder, { opsPerSecond, seconds: warmupSeconds, awarenessHz: 0 });
      await until(() => recorder.deliveries >= warm, 5000, 10);
      recorder.reset();
      const redisBefore = await redis.cpuMicros();
      const meter = startCpuMeter(system.pids());
      const sent = await runTyping(typists, recorder, { opsPerSecond, seconds, awarenessHz: 0 });
      // Each keystroke has one observer: the other typist of its room.
      await until(() => recorder.deliveries >= sent, 5000, 10);
      const cpu = meter.stop();
      const redisMicros = (await redis.cpuMicros()) - redisBefore;
      const latency = summarize(recorder.samples());
      const serverPercent = (cpu.micros.reduce((a, b) => a + b, 0) / (cpu.wallMs * 1000)) * 100;
      const redisPercent = (redisMicros / (cpu.wallMs * 1000)) * 100;
      const rate = Math.round(sent / (cpu.wallMs / 1000));
      context.log(`  ${rooms * 2} clients in ${rooms} rooms, ${rate} updates/s: server CPU ${serverPercent.toFixed(1)} %, Redis ${redisPercent.toFixed(1)} %, p50 ${ms(latency.p50)} p99 ${ms(latency.p99)} p99.9 ${ms(latency.p999)} ms, ${recorder.deliveries}/${sent} delivered`);
      return {
        cells: {
          'clients / rooms': `${rooms * 2} / ${rooms}`,
          'updates/s': String(rate),
          'server CPU %': serverPercent.toFixed(1),
          'Redis CPU %': redisPercent.toFixed(1),
          'p50/p99/p99.9': `${ms(latency.p50)} / ${ms(latency.p99)} / ${ms(latency.p999)}`,
          delivered: `${recorder.deliveries}/${sent}`,
        },
        data: {
          clients: rooms * 2,
          rooms,
          updatesPerSecond: rate,
          serverCpuPercent: round(serverPercent, 1),
          redisCpuPercent: round(redisPercent, 1),
          p50: round(latency.p50, 3),
          p99: round(latency.p99, 3),
          p999: round(latency.p999, 3),
          delivered: recorder.deliveries,
          sent,
        },
      };
    } finally {
      closeAll(sockets);
    }
  },
  chart: {
    title: 'S7 pairs: server CPU % (lower is better)',
    series: [
      { label: 'server CPU %', unit: '%', field: 'serverCpuPercent' },
      { label: 'Redis CPU %', unit: '%', field: 'redisCpuPercent' },
    ],
    lowerIsBetter: true,
  },
};
