import { withTimeout } from '../clients/connect-many.js';
import { connectBenchClient } from '../clients/bench-client.js';
import { createWireMeter } from '../clients/wire-meter.js';
import type { ScenarioContext } from '../scenario.js';
import { summarize } from '../stats.js';

/** One joiner's view of its join, all from connect: the answer's first byte, synced, and bytes read until synced. */
export interface SingleJoin {
  firstByteMs: number;
  syncedMs: number;
  bytes: number;
}

function lastInstance(context: ScenarioContext) {
  const instance = context.system.instances.at(-1);
  if (!instance) throw new Error('no instance');
  return instance;
}

/**
 * One fresh client joins `documentId` on the last instance. "First byte" is the
 * arrival of the first byte of the first update or step 2 (what the server
 * sends before its answer, its own step 1 or awareness, does not count);
 * "synced" is the step 2 complete; bytes are everything the socket read by then
 * (upgrade response and framing included).
 */
export async function singleJoin(context: ScenarioContext, documentId: string, minBytes: number, user: number): Promise<SingleJoin> {
  const { system, tokens } = context;
  const [token = ''] = await tokens.many([{ documentId, n: user }]);
  const meter = createWireMeter();
  let answerIndex: number | undefined;
  let received = 0;
  let bytes = 0;
  const start = performance.now();
  const joiner = connectBenchClient({ base: lastInstance(context).base, dialect: system.spec.dialect, documentId, token }, {
    meter,
    onAnswerStart: (index) => (answerIndex = index),
    // A room still loading answers with the log's entries as updates, then the snapshot as step 2.
    onUpdateBytes: (update) => (received += update.byteLength),
    onStep2: (update) => {
      received += update.byteLength;
      bytes = meter.bytesRead;
    },
  });
  try {
    const synced = await withTimeout(joiner.synced(), 60_000, `a joiner of ${documentId} to sync`);
    const firstByte = answerIndex === undefined ? undefined : meter.messageStartedAt(answerIndex);
    if (received < minBytes) throw new Error(`a joiner of ${documentId} got ${received} bytes, less than the document`);
    return { firstByteMs: (firstByte ?? synced) - start, syncedMs: synced - start, bytes };
  } finally {
    joiner.close();
  }
}

/**
 * A loaded room: one client joins (loading it) and stays synced while `joins`
 * fresh clients join one after another; each figure is the median of theirs.
 */
export async function loadedJoin(context: ScenarioContext, documentId: string, minBytes: number, joins: number): Promise<SingleJoin> {
  const [token = ''] = await context.tokens.many([{ documentId, n: 70_000 }]);
  const keeper = connectBenchClient({ base: lastInstance(context).base, dialect: context.system.spec.dialect, documentId, token });
  try {
    await withTimeout(keeper.synced(), 60_000, `the client keeping ${documentId} loaded to sync`);
    const runs: SingleJoin[] = [];
    for (let n = 0; n < joins; n += 1) runs.push(await singleJoin(context, documentId, minBytes, 70_001 + n));
    const median = (pick: (run: SingleJoin) => number) => summarize(runs.map(pick)).p50;
    return { firstByteMs: median((r) => r.firstByteMs), syncedMs: median((r) => r.syncedMs), bytes: median((r) => r.bytes) };
  } finally {
    keeper.close();
  }
}
