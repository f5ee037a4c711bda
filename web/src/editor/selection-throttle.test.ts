import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleLatest } from './selection-throttle';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('throttleLatest', () => {
  it('sends the first move at once, then at most one per interval, ending on the latest', async () => {
    const sent: number[] = [];
    const send = throttleLatest((value: number) => sent.push(value), 80);
    // An arrow key held for a second: a move every 33 ms.
    for (let i = 1; i <= 30; i += 1) {
      send(i);
      await vi.advanceTimersByTimeAsync(33);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(sent[0]).toBe(1);
    expect(sent.at(-1)).toBe(30);
    expect(sent.length).toBeLessThanOrEqual(14);
  });

  it('sends a lone move at once', () => {
    const sent: string[] = [];
    const send = throttleLatest((value: string) => sent.push(value), 80);
    send('a');
    expect(sent).toEqual(['a']);
  });
});
