import { testLogger } from '@codesync/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCompactionSchedule } from './schedule.js';

describe('compaction schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Every room of a process reloaded at once (a restart, a failover) used to save on the same 10 s beat, all at once.
  it('spreads the saves of rooms loaded together and typed in without a pause, each within the cap', async () => {
    vi.useFakeTimers();
    const policy = { debounceMs: 2000, maxDelayMs: 10_000, maxEntries: 10_000 };
    const firstSaveAt: number[] = [];
    const start = Date.now();
    const schedules = Array.from({ length: 20 }, () =>
      createCompactionSchedule(
        async () => {
          firstSaveAt.push(Date.now() - start);
          return 'saved';
        },
        policy,
        testLogger(),
      ),
    );
    // Two typists per room, 5 keystrokes a second each: the debounce never runs out.
    for (let ms = 0; ms < 10_000 && firstSaveAt.length < schedules.length; ms += 100) {
      for (const schedule of schedules) schedule.notify();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(firstSaveAt).toHaveLength(20);
    expect(Math.max(...firstSaveAt)).toBeLessThanOrEqual(10_000);
    expect(new Set(firstSaveAt.map((at) => Math.floor(at / 100))).size).toBeGreaterThan(5);
    for (const schedule of schedules) schedule.cancel();
  });

  it('saves after the debounce once typing stops', async () => {
    vi.useFakeTimers();
    let saves = 0;
    const schedule = createCompactionSchedule(async () => (saves++, 'saved'), { debounceMs: 2000, maxDelayMs: 10_000, maxEntries: 500 }, testLogger());
    for (let i = 0; i < 10; i++) {
      schedule.notify();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(saves).toBe(0);
    await vi.advanceTimersByTimeAsync(1499);
    expect(saves).toBe(0);
    await vi.advanceTimersByTimeAsync(2);
    expect(saves).toBe(1);
    expect(schedule.unsaved()).toBe(0);
    schedule.cancel();
  });
});

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
