import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerEventLoopDelay, type DelayHistogram } from './event-loop-delay.js';

/** A histogram holding these samples (ms), as Node's records them: the time between two samples. */
function histogramOf(samplesMs: number[]): DelayHistogram & { resets: number } {
  let samples = samplesMs.map((ms) => ms * 1e6);
  const state = {
    resets: 0,
    get count() {
      return samples.length;
    },
    get max() {
      return Math.max(0, ...samples);
    },
    percentile(p: number) {
      const sorted = [...samples].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
    },
    reset() {
      samples = [];
      state.resets += 1;
    },
  };
  return state;
}

async function scrape(registry: Registry): Promise<{ p99: number; max: number }> {
  const values = Object.fromEntries((await registry.getMetricsAsJSON()).map((m) => [m.name, m.values[0]?.value ?? NaN]));
  return { p99: values.test_eventloop_delay_p99_seconds!, max: values.test_eventloop_delay_max_seconds! };
}

describe('event-loop delay', () => {
  it('reads an idle process sampled every 100 ms as about 0 s late, not as its 100 ms interval', async () => {
    const registry = new Registry();
    registerEventLoopDelay(registry, { prefix: 'test_', resolutionMs: 100, histogram: histogramOf(Array(20).fill(100.5)) });
    const { p99, max } = await scrape(registry);
    expect(p99).toBeCloseTo(0.0005, 6);
    expect(max).toBeCloseTo(0.0005, 6);
  });

  it('reads a 300 ms stall as 0.3 s late, and starts a new interval at each scrape', async () => {
    const registry = new Registry();
    const histogram = histogramOf([...Array(19).fill(100), 400]);
    registerEventLoopDelay(registry, { prefix: 'test_', resolutionMs: 100, histogram });
    expect(await scrape(registry)).toEqual({ p99: 0.3, max: 0.3 });
    expect(histogram.resets).toBe(1);
    // Nothing sampled since (a scrape sooner than the interval): 0, not the last interval's figures.
    expect(await scrape(registry)).toEqual({ p99: 0, max: 0 });
  });
});
