import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../run.js';
import type { SystemId } from '../systems/catalog.js';
import { judgeTargets } from './targets.js';

const row = (system: SystemId, data: Record<string, number | boolean>) => ({ system, label: system, data, cells: {}, seconds: 1 });

describe('bench target lines', () => {
  it('judges from this run only: met, missed, or not run when a side is missing', () => {
    const results: ScenarioResult[] = [
      {
        id: 'S7',
        title: 'pairs',
        rows: [
          row('codesync-x2', { serverCpuPercent: 30, p999: 5 }),
          row('hocuspocus-redis-x2', { serverCpuPercent: 50, p999: 9 }),
          row('y-websocket-server', { serverCpuPercent: 12, p999: 4 }),
        ],
      },
    ];
    const byTarget = Object.fromEntries(judgeTargets(results).map((line) => [line.target, line.verdict]));
    expect(byTarget['S7 pairs: sync-process CPU % ≤ Hocuspocus + Redis (2 instances)']).toBe('met');
    expect(byTarget['S7 pairs: typing latency p99.9 ≤ the best peer']).toBe('missed');
    expect(byTarget['S3: cross-instance p99 ≤ ⅔ of Hocuspocus + Redis']).toBe('not run');
  });

  it('judges S4 memory against fixed bounds and S5 single joiners against the best peer\'s loaded time', () => {
    const results: ScenarioResult[] = [
      { id: 'S4', title: 'memory', rows: [row('codesync', { perConnectionKB: 12.5, perContentRoomKB: 1100 })] },
      {
        id: 'S5',
        title: 'cold load',
        rows: [
          row('codesync', { loadedSyncedMs: 30, coldSyncedMs: 45 }),
          row('y-websocket-server', { loadedSyncedMs: 25, coldSyncedMs: 60 }),
          row('hocuspocus', { loadedSyncedMs: 40, coldSyncedMs: 80 }),
        ],
      },
    ];
    const byTarget = Object.fromEntries(judgeTargets(results).map((line) => [line.target, line.verdict]));
    expect(byTarget['S4: RSS per idle connection ≤ 16 KiB']).toBe('met');
    expect(byTarget['S4: RSS per loaded ~100 KB room ≤ 1 MiB']).toBe('missed');
    expect(byTarget['S5: single joiner of a loaded 1 MB room synced ≤ the best peer']).toBe('missed');
    expect(byTarget["S5: single joiner of a cold 1 MB room synced ≤ 2 × the best peer's loaded time"]).toBe('met');
  });

  it('leaves an S5 line not run when no peer ran S5', () => {
    const results: ScenarioResult[] = [{ id: 'S5', title: 'cold load', rows: [row('codesync', { loadedSyncedMs: 30, coldSyncedMs: 45 })] }];
    const verdicts = judgeTargets(results).filter((line) => line.target.startsWith('S5:')).map((line) => line.verdict);
    expect(verdicts).toEqual(['not run', 'not run']);
  });

  it('calls a saturation miss inconclusive when a side held the top step (the steps ended its figure)', () => {
    const s1 = (ours: number, oursCapped: boolean, peerCapped: boolean): ScenarioResult[] => [
      {
        id: 'S1',
        title: 'fan-out',
        rows: [
          row('codesync', { maxDeliveries_o1000: ours, capped_o1000: oursCapped }),
          row('hocuspocus', { maxDeliveries_o1000: 99_800, capped_o1000: peerCapped }),
          row('hocuspocus-redis-x2', { maxDeliveries_o1000: 60_000, capped_o1000: false }),
        ],
      },
    ];
    const line = (results: ScenarioResult[]) => judgeTargets(results).find((l) => l.target.startsWith('S1: saturation'));
    expect(line(s1(99_900, true, true))?.verdict).toBe('inconclusive');
    expect(line(s1(125_000, true, false))?.detail).toMatch(/bound 139720; codesync held the top step/);
    expect(line(s1(125_000, true, false))?.verdict).toBe('inconclusive');
    expect(line(s1(60_000, false, false))?.verdict).toBe('missed');
    expect(line(s1(140_000, true, false))?.verdict).toBe('met');
  });
});
