import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../run.js';
import type { SystemId } from '../systems/catalog.js';
import { judgeTargets } from './targets.js';

const row = (system: SystemId, data: Record<string, number>) => ({ system, label: system, data, cells: {}, seconds: 1 });

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
});
