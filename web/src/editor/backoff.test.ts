import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';

describe('backoff', () => {
  it('doubles the window each failure up to the cap, and resets', () => {
    const backoff = createBackoff({ baseMs: 100, capMs: 1_000, random: () => 0.999_999 });

    const delays = Array.from({ length: 6 }, () => backoff.next());
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);

    backoff.reset();
    expect(backoff.next()).toBe(99);
  });

  it('spreads clients over the whole window instead of one instant', () => {
    const delays = new Set(Array.from({ length: 200 }, () => createBackoff({ baseMs: 1_000 }).next()));
    // 200 clients closed together should pick many distinct delays in [0, 1000).
    expect(delays.size).toBeGreaterThan(150);
    expect(Math.max(...delays)).toBeLessThan(1_000);
  });
});
