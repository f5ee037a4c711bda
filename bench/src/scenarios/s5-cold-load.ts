import { closeAll, connectMany } from '../clients/connect-many.js';
import { connectBenchClient, type BenchClient } from '../clients/bench-client.js';
import { benchDocument } from '../documents.js';
import { updateMessage } from '../protocol/frames.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { summarize, until } from '../stats.js';
import { kb, ms, round } from './format.js';
import { loadedJoin, singleJoin, type SingleJoin } from './s5-single-joiner.js';

async function waitUnloaded(context: ScenarioContext): Promise<void> {
  // A smoke run checks the steps, not coldness: it skips the wait for the room to unload.
  if (!context.sizes.s5.cold) return;
  if (!(await until(async () => (await context.system.rooms()) === 0, 30_000, 100))) throw new Error('rooms did not unload');
}

/** Puts a document into the system through one client, then lets the room unload (stored). */
async function seed(context: ScenarioContext, documentId: string, state: Uint8Array): Promise<void> {
  const [seeder] = await connectMany(context.system, context.tokens, [{ documentId, instance: 0 }], { firstUser: 90_000 });
  seeder?.send(updateMessage(state));
  // A second client reading the document back proves the room holds (and has accepted) it.
  let received = 0;
  const held = await until(async () => {
    const probe = await connectMany(context.system, context.tokens, [{ documentId, instance: 0 }], {
      firstUser: 90_001,
      onStep2: (update) => (received = update.byteLength),
    });
    closeAll(probe);
    return received >= state.byteLength / 2;
  }, 30_000, 250);
  seeder?.close();
  if (!held) throw new Error(`seeded ${state.byteLength} bytes, room answered ${received}`);
  await waitUnloaded(context);
}

/** `count` joiners at once on a cold room (on the last instance): time from connect to synced. */
async function join(context: ScenarioContext, documentId: string, count: number, minBytes: number) {
  const { system, tokens } = context;
  const instance = system.instances.at(-1);
  if (!instance) throw new Error('no instance');
  const signed = await tokens.many(Array.from({ length: count }, (_, n) => ({ documentId, n: 80_000 + n })));
  let short = 0;
  const start = performance.now();
  const joiners: BenchClient[] = signed.map((token) => {
    // A room still loading answers with the log's entries as updates, then the snapshot as step 2
    // (sync/src/room-loader.ts): what a joiner holds once synced is all of it, not the step 2 alone.
    let received = 0;
    return connectBenchClient({ base: instance.base, dialect: system.spec.dialect, documentId, token }, {
      onUpdateBytes: (update) => (received += update.byteLength),
      onStep2: (update) => void (received + update.byteLength < minBytes && (short += 1)),
    });
  });
  const synced = await Promise.all(joiners.map((j) => j.synced()));
  closeAll(joiners);
  if (short > 0) throw new Error(`${short} joiners got less than the document`);
  return summarize(synced.map((at) => at - start));
}

/** The single-joiner figures of `single`, cold (from the 1-joiner run) and loaded, as cells and data. */
async function singleJoiner(context: ScenarioContext, documentId: string, minBytes: number, cold: SingleJoin) {
  const loaded = await loadedJoin(context, documentId, minBytes, context.sizes.s5.loadedJoins);
  const name = context.sizes.s5.single;
  context.log(`  ${name} single joiner, loaded: first byte ${ms(loaded.firstByteMs)} synced ${ms(loaded.syncedMs)} ms, ${kb(loaded.bytes)}; cold: first byte ${ms(cold.firstByteMs)} synced ${ms(cold.syncedMs)} ms, ${kb(cold.bytes)}`);
  return {
    cells: {
      [`${name} joiner loaded: 1st byte / synced`]: `${ms(loaded.firstByteMs)} / ${ms(loaded.syncedMs)}`,
      [`${name} joiner cold: 1st byte / synced`]: `${ms(cold.firstByteMs)} / ${ms(cold.syncedMs)}`,
      'bytes read loaded / cold': `${kb(loaded.bytes)} / ${kb(cold.bytes)}`,
    },
    data: {
      singleDocument: name,
      loadedFirstByteMs: round(loaded.firstByteMs),
      loadedSyncedMs: round(loaded.syncedMs),
      loadedBytes: loaded.bytes,
      coldFirstByteMs: round(cold.firstByteMs),
      coldSyncedMs: round(cold.syncedMs),
      coldBytes: cold.bytes,
    },
  };
}

/**
 * S5: documents typed from real traces (and the paper typed again and again
 * for 1/5/10 MB) are stored, unloaded, then joined cold by 1 and by N clients
 * at once: time from connect to synced. The lone joiner of `single` is also
 * timed in a loaded room (another client holds it open), first byte and bytes
 * apart (s5-single-joiner.ts).
 */
export const coldLoadScenario: Scenario = {
  id: 'S5',
  title: 'S5 cold load: time to synced (ms) for 1 and N simultaneous joiners of a stored document built from real keystroke traces; a lone joiner of a loaded and a cold room',
  async run(context) {
    const { documents, joiners, smokeTxns, single } = context.sizes.s5;
    const cells: Record<string, string> = {};
    const data: Record<string, unknown> = {};
    for (const name of documents) {
      const state = benchDocument(name, smokeTxns);
      const documentId = `s5-${name}`;
      await seed(context, documentId, state);
      let cold: SingleJoin | undefined;
      for (const count of joiners) {
        if (count === 1) cold = await singleJoin(context, documentId, state.byteLength / 2, 80_000);
        const latency = count === 1 && cold ? summarize([cold.syncedMs]) : await join(context, documentId, count, state.byteLength / 2);
        const label = count === 1 ? `${name} (${kb(state.byteLength)})` : `${name} ×${count} p50/p99`;
        cells[label] = count === 1 ? ms(latency.p50) : `${ms(latency.p50)} / ${ms(latency.p99)}`;
        data[`${name}_x${count}`] = { bytes: state.byteLength, p50: round(latency.p50), p99: round(latency.p99), max: round(latency.max) };
        data[`${name}_x${count}_p99`] = round(latency.p99);
        context.log(`  ${name} (${kb(state.byteLength)}) ×${count}: p50 ${ms(latency.p50)} p99 ${ms(latency.p99)} ms`);
        if (count !== joiners.at(-1)) await waitUnloaded(context);
      }
      if (name === single && cold) {
        const figures = await singleJoiner(context, documentId, state.byteLength / 2, cold);
        Object.assign(cells, figures.cells);
        Object.assign(data, figures.data);
      }
    }
    return { cells, data };
  },
  chart: {
    title: 'S5 cold load of a 1 MB document: time to synced, p99 (ms, lower is better)',
    series: [
      { label: '1 joiner', unit: 'ms', field: '1mb_x1_p99' },
      { label: '50 joiners', unit: 'ms', field: '1mb_x50_p99' },
      { label: '1 joiner, loaded room', unit: 'ms', field: 'loadedSyncedMs' },
    ],
    lowerIsBetter: true,
  },
};
