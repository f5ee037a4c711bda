import { testLogger } from '@codesync/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCompactionSchedule } from './schedule.js';

// Found by the fault suite's storage-outage test (faults/src/storage-outage.integration.test.ts):
// while the snapshot store was down, every new update on a busy document started
// another compaction at once (the failed run's entries kept `pending` over the
// entry cap, and each notify also replaced the backoff timer with the debounce),
// so each keystroke re-read the whole log and hit the dead store: no backoff at all.
describe('compaction during a storage outage on a busy document', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('backs off between attempts however many updates arrive', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const schedule = createCompactionSchedule(
      async () => {
        attempts += 1;
        throw new Error('store down');
      },
      { debounceMs: 10, maxDelayMs: 50, maxEntries: 3 },
      testLogger(),
    );
    for (let i = 0; i < 3; i++) schedule.notify();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toBe(1);
    // 400 ms of typing, an update every 2 ms: still inside the first backoff (1 s).
    for (let i = 0; i < 200; i++) {
      schedule.notify();
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(700);
    expect(attempts).toBe(2);
    // The next wait doubles (2 s): typing through it starts nothing sooner.
    for (let i = 0; i < 100; i++) {
      schedule.notify();
      await vi.advanceTimersByTimeAsync(15);
    }
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(attempts).toBe(3);
    schedule.cancel();
  });
});
