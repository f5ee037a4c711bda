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
  // Fresh edits per room: a room holding only later edits of a client would keep them pending.
  const typed = typeUpdates(Math.ceil(rate * seconds));
  const watchers = await connectMany(system, tokens, Array.from({ length: observers }, () => ({ documentId, instance: observersOn })), {
    onUpdate: (key, at) => recorder.delivered(key, at),
  });
  const [writer] = await connectMany(system, tokens, [{ documentId, instance: 0 }], { firstUser: observers });
  try {
    const count = Math.ceil(rate * seconds);
    const callsBefore = await redis.commandCalls();
    const meter = startCpuMeter(system.pids());
    await paced(count, rate, (i) => {
      recorder.sent(typed.keys[i] ?? -1, performance.now());
      writer?.send(updateMessage(typed.updates[i] ?? new Uint8Array()));
    });
    await until(() => recorder.deliveries >= count * observers, 3000, 5);
    const cpu = meter.stop();
    // The INFO call itself counts once; leave it out.
    const redisCalls = (await redis.commandCalls()) - callsBefore - 1;
    const latency = summarize(recorder.samples());
    return {
      ...latency,
      updates: count,
      delivered: recorder.deliveries,
      writerInstanceMicrosPerUpdate: (cpu.micros[0] ?? 0) / count,
      redisCommandsPerUpdate: redisCalls / count,
    };
  } finally {
    writer?.close();
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
  title: 'S3 cross-instance: writer on A, observers on A vs on B — added latency, Redis commands and writer-instance CPU per update',
  notApplicable: (spec) => (spec.instances < 2 ? 'single instance (no cross-instance path)' : undefined),
  async run(context) {
    const same = await measure(context, 0);
    const cross = await measure(context, 1);
    context.log(`  same p50 ${ms(same.p50)} p99 ${ms(same.p99)}; cross p50 ${ms(cross.p50)} p99 ${ms(cross.p99)} ms; ${cross.redisCommandsPerUpdate.toFixed(1)} Redis cmds/update; accept ${micros(cross.writerInstanceMicrosPerUpdate)}`);
    return {
      cells: {
        'same p50/p99': `${ms(same.p50)} / ${ms(same.p99)}`,
        'cross p50/p99': `${ms(cross.p50)} / ${ms(cross.p99)}`,
        'added p50/p99': `${ms(cross.p50 - same.p50)} / ${ms(cross.p99 - same.p99)}`,
        'Redis cmds/update': cross.redisCommandsPerUpdate.toFixed(2),
        'CPU on A per update (accept)': micros(cross.writerInstanceMicrosPerUpdate),
      },
      data: {
        same,
        cross,
        crossP50: round(cross.p50, 3),
        crossP99: round(cross.p99, 3),
        addedP50: round(cross.p50 - same.p50, 3),
        addedP99: round(cross.p99 - same.p99, 3),
        redisCommandsPerUpdate: round(cross.redisCommandsPerUpdate),
        acceptMicros: round(cross.writerInstanceMicrosPerUpdate),
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
