import type { Logger } from 'pino';
import type { CompactionResult } from './compactor.js';

export interface CompactionPolicy {
  /** Quiet time after the last update before compacting. */
  debounceMs: number;
  /** Longest an update waits, however busy the room. */
  maxDelayMs: number;
  /** Compact at once after this many updates. */
  maxEntries: number;
}

export const defaultCompactionPolicy: CompactionPolicy = { debounceMs: 2000, maxDelayMs: 10_000, maxEntries: 500 };

export interface CompactionSchedule {
  /** An update reached the log. */
  notify(): void;
  /** Updates that reached the log and are not saved yet (being saved, or waiting). */
  unsaved(): number;
  /** Compacts now if anything is pending (unload, shutdown); rejects if that fails. */
  flush(): Promise<void>;
  cancel(): void;
}

/**
 * When to compact one document: debounced, capped in delay and in entries,
 * one run at a time, retried with backoff when the store or bus fails.
 */
export function createCompactionSchedule(
  run: () => Promise<CompactionResult>,
  policy: CompactionPolicy,
  logger: Logger,
): CompactionSchedule {
  let pending = 0;
  /** Entries the run in progress is saving. */
  let saving = 0;
  let firstPendingAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failures = 0;
  let cancelled = false;

  function schedule(delayMs: number): void {
    if (cancelled || running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void fire(), delayMs);
    timer.unref();
  }

  function fire(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (running) return running;
    const taken = pending;
    pending = 0;
    saving = taken;
    running = run()
      .then((result) => {
        failures = 0;
        // Someone else holds the lease: our entries are still in the log, look again later.
        if (result === 'busy') pending += taken;
      })
      .catch((error: Error) => {
        failures += 1;
        pending += taken;
        logger.error({ err: error.message, failures }, 'compaction failed; the log keeps its entries');
      })
      .finally(() => {
        running = undefined;
        saving = 0;
        if (pending > 0) {
          firstPendingAt = Date.now();
          schedule(failures > 0 ? Math.min(30_000, 500 * 2 ** failures) : policy.debounceMs);
        }
      });
    return running;
  }

  return {
    notify() {
      if (pending === 0) firstPendingAt = Date.now();
      pending += 1;
      // After a failure the backoff timer decides the next attempt, not the traffic.
      if (running || failures > 0) return;
      if (pending >= policy.maxEntries) {
        void fire();
        return;
      }
      const untilCap = firstPendingAt + policy.maxDelayMs - Date.now();
      schedule(Math.max(0, Math.min(policy.debounceMs, untilCap)));
    },
    unsaved: () => pending + saving,
    async flush() {
      if (running) await running;
      if (pending === 0) return;
      const before = failures;
      await fire();
      if (failures > before) throw new Error('compaction failed during flush');
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
