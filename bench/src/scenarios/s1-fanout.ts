import { closeAll, connectMany } from '../clients/connect-many.js';
import { createLatencyRecorder } from '../clients/latency.js';
import { typeUpdates } from '../clients/typing.js';
import { startCpuMeter } from '../proc.js';
import { updateMessage } from '../protocol/frames.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { paced, summarize, until } from '../stats.js';
import { micros, ms, rate, round } from './format.js';

const P99_LIMIT_MS = 50;
/** CodeSync's per-socket limit is 300 messages/s; every system gets the same writer. */
const MAX_WRITER_RATE = 250;

/** Writer rates (updates/s) for this many observers: each deliveries/s target that one writer can reach. */
export function writerRates(observers: number, deliveries: number[]): number[] {
  return deliveries.map((d) => d / observers).filter((r) => r >= 1 && r <= MAX_WRITER_RATE);
}

interface Step {
  updatesPerSecond: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  cpuMicrosPerDelivery: number;
  generatorCpu: number;
  complete: boolean;
}

/**
 * One writer and N observers in one room (the writer on the first instance,
 * observers on the last). The writer's rate steps up until p99 passes 50 ms
 * or deliveries fall behind; the writer stays under 250 updates/s, below
 * CodeSync's per-socket limit, for every system alike.
 */
async function fanOut(context: ScenarioContext, observers: number): Promise<Step[]> {
  const { system, sizes, tokens } = context;
  const { stepSeconds } = sizes.s1;
  const rates = writerRates(observers, sizes.s1.deliveries);
  const documentId = `s1-o${observers}`;
  const recorder = createLatencyRecorder();
  const watchers = await connectMany(system, tokens, Array.from({ length: observers }, () => ({ documentId, instance: 1 })), {
    onUpdate: (key, at) => recorder.delivered(key, at),
  });
  const [writer] = await connectMany(system, tokens, [{ documentId, instance: 0 }], { firstUser: observers });
  const typed = typeUpdates(rates.reduce((sum, r) => sum + Math.ceil(r * stepSeconds), 0));
  const steps: Step[] = [];
  let next = 0;
  try {
    for (const updatesPerSecond of rates) {
      const count = Math.ceil(updatesPerSecond * stepSeconds);
      recorder.reset();
      const meter = startCpuMeter(system.pids());
      await paced(count, updatesPerSecond, () => {
        const i = next++;
        recorder.sent(typed.keys[i] ?? -1, performance.now());
        writer?.send(updateMessage(typed.updates[i] ?? new Uint8Array()));
      });
      const expected = count * observers;
      const complete = await until(() => recorder.deliveries >= expected, 3000, 5);
      const cpu = meter.stop();
      const latency = summarize(recorder.samples());
      const serverMicros = cpu.micros.reduce((a, b) => a + b, 0);
      const step: Step = {
        updatesPerSecond,
        deliveriesPerSecond: (recorder.deliveries / cpu.wallMs) * 1000,
        p50: latency.p50,
        p99: latency.p99,
        cpuMicrosPerDelivery: serverMicros / Math.max(1, recorder.deliveries),
        generatorCpu: cpu.selfMicros / (cpu.wallMs * 1000),
        complete,
      };
      steps.push(step);
      context.log(`  ${observers} observers @${updatesPerSecond}/s: ${rate(step.deliveriesPerSecond)} deliveries/s p99 ${ms(step.p99)} ms, ${micros(step.cpuMicrosPerDelivery)}/delivery, generator CPU ${(step.generatorCpu * 100).toFixed(0)} %${complete ? '' : ' (incomplete)'}`);
      if (!complete || !(step.p99 <= P99_LIMIT_MS)) break;
    }
  } finally {
    writer?.close();
    closeAll(watchers);
  }
  return steps;
}

function passing(steps: Step[]): Step | undefined {
  return steps.filter((s) => s.complete && s.p99 <= P99_LIMIT_MS).at(-1);
}

export const fanOutScenario: Scenario = {
  id: 'S1',
  title: 'S1 fan-out: one writer, N observers in one room — max deliveries/s with p99 ≤ 50 ms, server CPU per delivery',
  async run(context) {
    const cells: Record<string, string> = {};
    const data: Record<string, unknown> = {};
    for (const observers of context.sizes.s1.observers) {
      const steps = await fanOut(context, observers);
      const best = passing(steps);
      // "+": the last step passed, so the limit lies beyond what this profile tries.
      const capped = best !== undefined && best === steps.at(-1) && best.updatesPerSecond === writerRates(observers, context.sizes.s1.deliveries).at(-1);
      cells[`${observers} obs`] = best
        ? `${rate(best.deliveriesPerSecond)}/s${capped ? '+' : ''} · ${micros(best.cpuMicrosPerDelivery)} · p99 ${ms(best.p99)}`
        : `none (p99 ${ms(steps[0]?.p99 ?? Number.NaN)} ms)`;
      data[`o${observers}`] = steps.map((s) => ({ ...s, p50: round(s.p50, 3), p99: round(s.p99, 3) }));
      data[`maxDeliveries_o${observers}`] = best ? Math.round(best.deliveriesPerSecond) : 0;
      data[`capped_o${observers}`] = capped;
      data[`cpuMicros_o${observers}`] = best ? round(best.cpuMicrosPerDelivery) : null;
      const near10k = steps.find((s) => s.deliveriesPerSecond >= 9000 && s.deliveriesPerSecond <= 13_000);
      if (near10k && observers === 100) {
        cells['p99 @10k/s'] = `${ms(near10k.p99)} ms`;
        data.p99At10k = round(near10k.p99, 3);
      }
    }
    return { cells, data };
  },
  chart: {
    title: 'S1 fan-out: max deliveries/s with p99 ≤ 50 ms (higher is better)',
    series: [
      { label: '10 observers', unit: '/s', field: 'maxDeliveries_o10' },
      { label: '100 observers', unit: '/s', field: 'maxDeliveries_o100' },
      { label: '1000 observers', unit: '/s', field: 'maxDeliveries_o1000' },
    ],
    lowerIsBetter: false,
  },
};
