import { describeWithRedis, testServices } from '@codesync/testing';
import { expect, it } from 'vitest';
import { runBench } from './run.js';

// Keeps the harness from rotting: the smoke sizes of two scenarios against
// CodeSync and the reference server. No timing is asserted, only that every
// step ran and the Y.Doc clients converged.
describeWithRedis('pnpm bench --smoke (subset)', () => {
  it('runs fan-out and typing latency against CodeSync and @y/websocket-server', async () => {
    const results = await runBench({
      profile: 'smoke',
      systems: ['codesync', 'y-websocket-server'],
      scenarios: ['S1', 'S2'],
      redisUrl: testServices.redisUrl,
      privateRedis: false,
      log: () => undefined,
    });
    expect(results.map((r) => r.id)).toEqual(['S1', 'S2']);
    for (const row of results.flatMap((r) => r.rows)) {
      expect(row.error, `${row.label}: ${row.error}`).toBeUndefined();
      expect(row.cells).toBeDefined();
    }
    const latency = results.find((r) => r.id === 'S2');
    for (const row of latency?.rows ?? []) expect(row.data?.converged).toBe(row.data?.checked);
  }, 60_000);
});
