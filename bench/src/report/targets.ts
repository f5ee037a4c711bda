import type { ScenarioResult } from '../run.js';
import type { SystemId } from '../systems/catalog.js';

/** `inconclusive`: the scenario's top step held for the bound's side too, so the ratio says nothing. */
export type Verdict = 'met' | 'missed' | 'not run' | 'inconclusive';

export interface TargetLine {
  target: string;
  verdict: Verdict;
  detail: string;
}

const PEERS: SystemId[] = ['y-websocket-server', 'hocuspocus', 'hocuspocus-redis-x2'];

function dataOf(results: ScenarioResult[], scenario: string, system: SystemId): Record<string, unknown> | undefined {
  return results.find((r) => r.id === scenario)?.rows.find((r) => r.system === system)?.data;
}

function valueOf(results: ScenarioResult[], scenario: string, system: SystemId, field: string): number | undefined {
  const value = dataOf(results, scenario, system)?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Lower is better (latency, CPU), or higher (throughput). */
type Better = (a: number, b: number) => boolean;
const lower: Better = (a, b) => a < b;
const higher: Better = (a, b) => a > b;

/** The peer with the best value of `field` in this run, and that value. */
function bestPeerOf(results: ScenarioResult[], scenario: string, field: string, better: Better): { peer: SystemId; value: number } | undefined {
  let best: { peer: SystemId; value: number } | undefined;
  for (const peer of PEERS) {
    const value = valueOf(results, scenario, peer, field);
    if (value !== undefined && (best === undefined || better(value, best.value))) best = { peer, value };
  }
  return best;
}

const bestPeer = (results: ScenarioResult[], scenario: string, field: string, better: Better) => bestPeerOf(results, scenario, field, better)?.value;

const atMost = (ours: number, bound: number) => ours <= bound;
const atLeast = (ours: number, bound: number) => ours >= bound;

/** The memory bounds (S4 figures are KiB: the scenario divides bytes by 1024). */
const IDLE_CONNECTION_KIB = 16;
const LOADED_ROOM_KIB = 1024;

/**
 * Saturation ≥ 1.4 × the best peer. A miss is inconclusive when a side held the
 * top step: then the steps, not that system, ended its figure.
 */
function judgeSaturation(results: ScenarioResult[], observers: number): TargetLine {
  const target = `S1: saturation deliveries/s at ${observers} observers ≥ 1.4 × the best peer`;
  const best = bestPeerOf(results, 'S1', `maxDeliveries_o${observers}`, higher);
  // The bound shown is already multiplied, like the cold S5 line's.
  const line = judge(target, valueOf(results, 'S1', 'codesync', `maxDeliveries_o${observers}`), best && 1.4 * best.value, atLeast);
  if (line.verdict !== 'missed' || !best) return line;
  const capped = (system: SystemId) => dataOf(results, 'S1', system)?.[`capped_o${observers}`] === true;
  const held = [...(capped('codesync') ? ['codesync'] : []), ...(capped(best.peer) ? [best.peer] : [])];
  if (held.length === 0) return line;
  return { target, verdict: 'inconclusive', detail: `${line.detail}; ${held.join(' and ')} held the top step: add steps` };
}

/** `ours` against `bound` with `holds`; "not run" when either side is missing from this run. */
function judge(target: string, ours: number | undefined, bound: number | undefined, holds: (o: number, b: number) => boolean): TargetLine {
  if (ours === undefined || bound === undefined) return { target, verdict: 'not run', detail: 'a system or scenario it compares was not in this run' };
  return { target, verdict: holds(ours, bound) ? 'met' : 'missed', detail: `ours ${Math.round(ours * 1000) / 1000}, bound ${Math.round(bound * 1000) / 1000}` };
}

/** The target lines, each judged from this run's figures only (systems side by side, same run). */
export function judgeTargets(results: ScenarioResult[]): TargetLine[] {
  const bestLoadedJoin = bestPeer(results, 'S5', 'loadedSyncedMs', lower);
  return [
    judge(
      'S7 pairs: sync-process CPU % ≤ Hocuspocus + Redis (2 instances)',
      valueOf(results, 'S7', 'codesync-x2', 'serverCpuPercent'),
      valueOf(results, 'S7', 'hocuspocus-redis-x2', 'serverCpuPercent'),
      atMost,
    ),
    judge(
      'S7 pairs: typing latency p99.9 ≤ the best peer',
      valueOf(results, 'S7', 'codesync-x2', 'p999'),
      bestPeer(results, 'S7', 'p999', lower),
      atMost,
    ),
    judge(
      'S1: server CPU per delivery at 10 observers ≤ the best peer',
      valueOf(results, 'S1', 'codesync', 'cpuMicros_o10'),
      bestPeer(results, 'S1', 'cpuMicros_o10', lower),
      atMost,
    ),
    judgeSaturation(results, 1000),
    judge(
      'S3: cross-instance p99 ≤ ⅔ of Hocuspocus + Redis',
      valueOf(results, 'S3', 'codesync-x2', 'crossP99'),
      valueOf(results, 'S3', 'hocuspocus-redis-x2', 'crossP99'),
      (o, b) => o <= (2 / 3) * b,
    ),
    judge(
      `S4: RSS per idle connection ≤ ${IDLE_CONNECTION_KIB} KiB`,
      valueOf(results, 'S4', 'codesync', 'perConnectionKB'),
      IDLE_CONNECTION_KIB,
      atMost,
    ),
    judge(
      'S4: RSS per loaded ~100 KB room ≤ 1 MiB',
      valueOf(results, 'S4', 'codesync', 'perContentRoomKB'),
      LOADED_ROOM_KIB,
      atMost,
    ),
    judge(
      'S5: single joiner of a loaded 1 MB room synced ≤ the best peer',
      valueOf(results, 'S5', 'codesync', 'loadedSyncedMs'),
      bestLoadedJoin,
      atMost,
    ),
    judge(
      "S5: single joiner of a cold 1 MB room synced ≤ 2 × the best peer's loaded time",
      valueOf(results, 'S5', 'codesync', 'coldSyncedMs'),
      // The bound shown is the doubled time, the figure the line compares with.
      bestLoadedJoin === undefined ? undefined : 2 * bestLoadedJoin,
      atMost,
    ),
    judge(
      'S7 pairs on a 3-primary Redis Cluster: every keystroke delivered',
      valueOf(results, 'S7', 'codesync-cluster-x2', 'delivered'),
      valueOf(results, 'S7', 'codesync-cluster-x2', 'sent'),
      (o, b) => o >= b,
    ),
  ];
}

export function targetsText(lines: TargetLine[]): string {
  return ['### Targets (this run)', '', ...lines.map((l) => `- ${l.verdict.toUpperCase()}: ${l.target} (${l.detail})`)].join('\n');
}
