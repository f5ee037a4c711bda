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

/**
 * A save is a snapshot write (two fsyncs on a file system, a PUT on S3) plus a
 * handful of Redis calls; an update is durable once it is in the log, so saves
 * only bound the log's length and set the history's grain. Editing that pauses
 * is saved 2 s into the pause; a room typed in without a pause (a pair taking
 * turns) at most once a minute, or every 500 updates. At 10 s, S7's 250 pairs
 * cost one sync process 56 % CPU, at 60 s 46–50 % (alternating runs).
 */
export const defaultCompactionPolicy: CompactionPolicy = { debounceMs: 2000, maxDelayMs: 60_000, maxEntries: 500 };

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
  /** The cap on this batch's wait: up to a fifth shorter at random, so rooms loaded together do not all save at once. */
  let maxDelayMs = policy.maxDelayMs;
  /** When the next run is due; the timer may be set earlier and then waits out the rest. */
  let dueAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = 0;
  let running: Promise<void> | undefined;
  let failures = 0;
  let cancelled = false;

  /** Due `delayMs` from now. Called on every update, so the timer is only moved earlier, never cleared and set again. */
  function schedule(delayMs: number): void {
    if (cancelled || running) return;
    dueAt = Date.now() + delayMs;
    if (timer !== undefined && timerAt <= dueAt) return;
    arm(delayMs);
  }

  function arm(delayMs: number): void {
    clearTimeout(timer);
    timerAt = Date.now() + delayMs;
    timer = setTimeout(onTimer, delayMs);
    timer.unref();
  }

  function onTimer(): void {
    timer = undefined;
    if (cancelled) return;
    const rest = dueAt - Date.now();
    if (rest > 0) arm(rest);
    else void fire();
  }

  function startBatch(): void {
    firstPendingAt = Date.now();
    maxDelayMs = policy.maxDelayMs * (0.8 + 0.2 * Math.random());
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
          startBatch();
          schedule(failures > 0 ? Math.min(30_000, 500 * 2 ** failures) : policy.debounceMs);
        }
      });
    return running;
  }

  return {
    notify() {
      if (pending === 0) startBatch();
      pending += 1;
      // After a failure the backoff timer decides the next attempt, not the traffic.
      if (running || failures > 0) return;
      if (pending >= policy.maxEntries) {
        void fire();
        return;
      }
      const untilCap = firstPendingAt + maxDelayMs - Date.now();
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
