import { closeAll, connectMany } from '../clients/connect-many.js';
import { connectDocChecker, expectedText, type DocChecker } from '../clients/doc-checker.js';
import { createLatencyRecorder, type LatencyRecorder } from '../clients/latency.js';
import { runTyping, type Typist } from '../clients/typing-load.js';
import { typeUpdates } from '../clients/typing.js';
import { startCpuMeter } from '../proc.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { summarize, until } from '../stats.js';
import { ms, round } from './format.js';

const CHECKED_ROOMS = 3;

async function phase(context: ScenarioContext, typists: Typist[], recorder: LatencyRecorder, awarenessHz: number) {
  const { opsPerSecond, seconds } = context.sizes.s2;
  recorder.reset();
  const meter = startCpuMeter(context.system.pids());
  const sent = await runTyping(typists, recorder, { opsPerSecond, seconds, awarenessHz });
  const perRoom = typists.length / context.sizes.s2.rooms;
  await until(() => recorder.deliveries >= sent * (perRoom - 1), 3000, 10);
  const cpu = meter.stop();
  const latency = summarize(recorder.samples());
  const cpuPercent = (cpu.micros.reduce((a, b) => a + b, 0) / (cpu.wallMs * 1000)) * 100;
  context.log(`  awareness ${awarenessHz} Hz: p50 ${ms(latency.p50)} p99 ${ms(latency.p99)} p99.9 ${ms(latency.p999)} ms, server CPU ${cpuPercent.toFixed(0)} %`);
  return { sent, deliveries: recorder.deliveries, ...latency, cpuPercent };
}

/** Waits for every checker's Y.Doc to hold exactly what was sent to its room. */
async function checkConvergence(checkers: { checker: DocChecker; typists: Typist[] }[]): Promise<number> {
  let ok = 0;
  for (const { checker, typists } of checkers) {
    const expected = expectedText(typists.flatMap((t) => t.typed.updates.slice(0, t.next)));
    if (await until(() => checker.text() === expected, 5000, 20)) ok += 1;
  }
  return ok;
}

/**
 * S2: clients typing in rooms of five; every other client of the room is an
 * observer of each keystroke. Clients alternate between instances, so on a
 * two-instance system half of each room's pairs cross Redis.
 */
export const latencyScenario: Scenario = {
  id: 'S2',
  title: 'S2 end-to-end latency: clients typing in rooms, without and with 1 Hz awareness (ms)',
  async run(context) {
    const { system, tokens, sizes } = context;
    const { clients, rooms, opsPerSecond, seconds } = sizes.s2;
    const recorder = createLatencyRecorder();
    const placements = Array.from({ length: clients }, (_, i) => ({ documentId: `s2-room-${i % rooms}`, instance: i % 2 }));
    const sockets = await connectMany(system, tokens, placements, { onUpdate: (key, at) => recorder.delivered(key, at) });
    const perPhase = Math.ceil(opsPerSecond * seconds);
    const typists: Typist[] = sockets.map((client) => ({ client, typed: typeUpdates(perPhase * 2), next: 0, awarenessClock: 0 }));
    const checkers = await Promise.all(
      Array.from({ length: Math.min(CHECKED_ROOMS, rooms) }, async (_, room) => {
        const documentId = `s2-room-${room}`;
        const checker = connectDocChecker({
          base: system.instances[0]?.base ?? '',
          dialect: system.spec.dialect,
          documentId,
          token: await tokens.forDocument(documentId, 10_000 + room),
        });
        await checker.client.synced();
        return { checker, typists: typists.filter((t) => t.client.target.documentId === documentId) };
      }),
    );
    try {
      const quiet = await phase(context, typists, recorder, 0);
      const aware = await phase(context, typists, recorder, 1);
      const converged = await checkConvergence(checkers);
      const cell = (p: typeof quiet) => `${ms(p.p50)} / ${ms(p.p99)} / ${ms(p.p999)}`;
      return {
        cells: {
          'p50/p99/p99.9': cell(quiet),
          'CPU %': quiet.cpuPercent.toFixed(0),
          'with awareness p50/p99/p99.9': cell(aware),
          'CPU % (aw)': aware.cpuPercent.toFixed(0),
          'Y.Doc check': `${converged}/${checkers.length} rooms converged`,
        },
        data: {
          quiet: { ...quiet, p50: round(quiet.p50, 3), p99: round(quiet.p99, 3), p999: round(quiet.p999, 3) },
          aware: { ...aware, p50: round(aware.p50, 3), p99: round(aware.p99, 3), p999: round(aware.p999, 3) },
          p99: round(quiet.p99, 3),
          p99Awareness: round(aware.p99, 3),
          p50: round(quiet.p50, 3),
          converged,
          checked: checkers.length,
        },
      };
    } finally {
      closeAll(sockets);
      for (const { checker } of checkers) checker.close();
    }
  },
  chart: {
    title: 'S2 keystroke latency, writer send → observer receive (lower is better)',
    series: [
      { label: 'p50', unit: 'ms', field: 'p50' },
      { label: 'p99', unit: 'ms', field: 'p99' },
      { label: 'p99 with 1 Hz awareness', unit: 'ms', field: 'p99Awareness' },
    ],
    lowerIsBetter: true,
  },
};
