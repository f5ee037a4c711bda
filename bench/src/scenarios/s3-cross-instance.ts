import { closeAll, connectMany } from '../clients/connect-many.js';
import { createLatencyRecorder } from '../clients/latency.js';
import { typeUpdates } from '../clients/typing.js';
import { startCpuMeter } from '../proc.js';
import { updateMessage } from '../protocol/frames.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { paced, summarize, until } from '../stats.js';
import { micros, ms, round } from './format.js';

/** One room, a writer on instance A and observers on `observersOn`; CPU per instance and Redis commands. */
async function measure(context: ScenarioContext, observersOn: number) {
  const { system, tokens, sizes, redis } = context;
  const { observers, rate, seconds } = sizes.s3;
  const documentId = `s3-on${observersOn}`;
  const recorder = createLatencyRecorder();
  // Warm-up (not measured): a second of the same traffic first, so JIT compilation and first-use costs stay out.
  const warmup = Math.ceil(rate);
  const count = Math.ceil(rate * seconds);
  // Fresh edits per room: a room holding only later edits of a client would keep them pending.
  const typed = typeUpdates(warmup + count);
  const watchers = await connectMany(system, tokens, Array.from({ length: observers }, () => ({ documentId, instance: observersOn })), {
    onUpdate: (key, at) => recorder.delivered(key, at),
  });
  const [writer] = await connectMany(system, tokens, [{ documentId, instance: 0 }], { firstUser: observers });
  try {
    await paced(warmup, rate, (i) => writer?.send(updateMessage(typed.updates[i] ?? new Uint8Array())));
    await until(() => recorder.deliveries >= warmup * observers, 3000, 5);
    recorder.reset();
    const callsBefore = await redis.commandCalls();
    const redisCpuBefore = await redis.cpuMicros();
    const meter = startCpuMeter(system.pids());
    await paced(count, rate, (i) => {
      recorder.sent(typed.keys[warmup + i] ?? -1, performance.now());
      writer?.send(updateMessage(typed.updates[warmup + i] ?? new Uint8Array()));
    });
    await until(() => recorder.deliveries >= count * observers, 3000, 5);
    const cpu = meter.stop();
    // The INFO call itself counts once; leave it out.
    const redisCalls = (await redis.commandCalls()) - callsBefore - 1;
    const redisCpu = (await redis.cpuMicros()) - redisCpuBefore;
    const latency = summarize(recorder.samples());
    return {
      ...latency,
      updates: count,
      delivered: recorder.deliveries,
      writerInstanceMicrosPerUpdate: (cpu.micros[0] ?? 0) / count,
      redisCommandsPerUpdate: redisCalls / count,
      redisMicrosPerUpdate: redisCpu / count,
    };
  } finally {
    writer?.close();
    closeAll(watchers);
  }
}

/**
 * Accepting under load: `writers` sockets on instance A, each typing into its
 * own room at `rate`, one observer per room on B (so every update is checked
 * to arrive). A's CPU per update is the cost of accepting one when many
 * arrive together (appends pipelined), rather than one every 10 ms.
 */
async function measureAcceptAtLoad(context: ScenarioContext) {
  const { system, tokens, sizes, redis } = context;
  const { writers, rate, seconds } = sizes.s3;
  const warmup = Math.ceil(rate);
  const count = Math.ceil(rate * seconds);
  let delivered = 0;
  const rooms = Array.from({ length: writers }, (_, i) => `s3-load-${i}`);
  const typed = rooms.map(() => typeUpdates(warmup + count));
  const watchers = await connectMany(system, tokens, rooms.map((documentId) => ({ documentId, instance: 1 })), {
    onUpdate: () => (delivered += 1),
  });
  const senders = await connectMany(system, tokens, rooms.map((documentId) => ({ documentId, instance: 0 })), { firstUser: writers });
  const sendAll = (i: number) => senders.forEach((sender, w) => sender.send(updateMessage(typed[w]?.updates[i] ?? new Uint8Array())));
  try {
    await paced(warmup, rate, sendAll);
    await until(() => delivered >= warmup * writers, 5000, 5);
    delivered = 0;
    const redisCpuBefore = await redis.cpuMicros();
    const meter = startCpuMeter(system.pids());
    await paced(count, rate, (i) => sendAll(warmup + i));
    await until(() => delivered >= count * writers, 5000, 5);
    const cpu = meter.stop();
    const redisMicros = ((await redis.cpuMicros()) - redisCpuBefore) / (count * writers);
    return { updatesPerSecond: rate * writers, micros: (cpu.micros[0] ?? 0) / (count * writers), redisMicros, delivered, expected: count * writers };
  } finally {
    closeAll(senders);
    closeAll(watchers);
  }
}

/**
 * S3: the same writer and observers, first all on instance A, then observers
 * on instance B. The difference is what crossing Redis adds. On a
 * two-instance system, instance A's CPU per update in the second run is the
 * cost of accepting an update (no local observers to fan out to).
 */
export const crossInstanceScenario: Scenario = {
  id: 'S3',
  title: 'S3 cross-instance: writer on A, observers on A vs on B — added latency, Redis commands and writer-instance CPU per update (one writer at the scenario rate; many writers at once)',
  notApplicable: (spec) => (spec.instances < 2 ? 'single instance (no cross-instance path)' : undefined),
  async run(context) {
    const same = await measure(context, 0);
    const cross = await measure(context, 1);
    const load = await measureAcceptAtLoad(context);
    context.log(`  same p50 ${ms(same.p50)} p99 ${ms(same.p99)}; cross p50 ${ms(cross.p50)} p99 ${ms(cross.p99)} ms; ${cross.redisCommandsPerUpdate.toFixed(1)} Redis cmds/update (inside scripts too), Redis CPU ${micros(cross.redisMicrosPerUpdate)}/update; accept ${micros(cross.writerInstanceMicrosPerUpdate)}; at ${load.updatesPerSecond}/s ${micros(load.micros)}, Redis ${micros(load.redisMicros)} (${load.delivered}/${load.expected} delivered)`);
    return {
      cells: {
        'same p50/p99': `${ms(same.p50)} / ${ms(same.p99)}`,
        'cross p50/p99': `${ms(cross.p50)} / ${ms(cross.p99)}`,
        'added p50/p99': `${ms(cross.p50 - same.p50)} / ${ms(cross.p99 - same.p99)}`,
        'Redis cmds/update': cross.redisCommandsPerUpdate.toFixed(2),
        'Redis CPU per update': micros(cross.redisMicrosPerUpdate),
        'CPU on A per update (accept)': micros(cross.writerInstanceMicrosPerUpdate),
        'accept at load': `${micros(load.micros)} @ ${load.updatesPerSecond}/s`,
        'Redis CPU at load': micros(load.redisMicros),
      },
      data: {
        same,
        cross,
        crossP50: round(cross.p50, 3),
        crossP99: round(cross.p99, 3),
        addedP50: round(cross.p50 - same.p50, 3),
        addedP99: round(cross.p99 - same.p99, 3),
        redisCommandsPerUpdate: round(cross.redisCommandsPerUpdate),
        redisMicrosPerUpdate: round(cross.redisMicrosPerUpdate),
        acceptMicros: round(cross.writerInstanceMicrosPerUpdate),
        acceptAtLoad: { ...load, micros: round(load.micros), redisMicros: round(load.redisMicros) },
      },
    };
  },
  chart: {
    title: 'S3 cross-instance latency, writer on A → observer on B (lower is better)',
    series: [
      { label: 'cross p50', unit: 'ms', field: 'crossP50' },
      { label: 'cross p99', unit: 'ms', field: 'crossP99' },
      { label: 'added p99 over same-instance', unit: 'ms', field: 'addedP99' },
    ],
    lowerIsBetter: true,
  },
};
