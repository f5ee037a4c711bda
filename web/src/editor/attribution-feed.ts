import { readAttribution, type BlameLine } from './attribution';

export interface FeedTimers {
  setTimeout(task: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AttributionFeedOptions {
  /** The one API call: `GET /api/documents/:id/attribution`, the parsed JSON body. */
  fetch: () => Promise<unknown>;
  onLines(lines: BlameLine[]): void;
  onError(error: unknown): void;
  /** Quiet time after the last change before refetching. */
  debounceMs?: number;
  /** Longest a refetch waits while people keep typing. */
  maxWaitMs?: number;
  timers?: FeedTimers;
}

const browserTimers: FeedTimers = {
  setTimeout: (task, ms) => globalThis.setTimeout(task, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Keeps the blame lines current while it runs: fetches once, then again a moment after
 * the document stops changing (at least every `maxWaitMs` while it keeps changing).
 * One request at a time; a change during a request means one more afterwards.
 */
export function createAttributionFeed(options: AttributionFeedOptions) {
  const { debounceMs = 700, maxWaitMs = 3_000, timers = browserTimers } = options;
  let timer: unknown = null;
  let firstChangeAt: number | null = null;
  let inFlight = false;
  let again = false;
  let stopped = false;

  async function load(): Promise<void> {
    if (inFlight) return void (again = true);
    inFlight = true;
    try {
      const body = await options.fetch();
      if (!stopped) options.onLines(readAttribution(body));
    } catch (error) {
      if (!stopped) options.onError(error);
    } finally {
      inFlight = false;
      if (again && !stopped) {
        again = false;
        void load();
      }
    }
  }

  function fire(): void {
    timer = null;
    firstChangeAt = null;
    void load();
  }

  return {
    start(): void {
      void load();
    },
    /** The document changed (any origin): refetch once it settles. */
    changed(now = Date.now()): void {
      if (stopped) return;
      firstChangeAt ??= now;
      if (timer !== null) timers.clearTimeout(timer);
      const wait = Math.max(0, Math.min(debounceMs, firstChangeAt + maxWaitMs - now));
      timer = timers.setTimeout(fire, wait);
    },
    stop(): void {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

export type AttributionFeed = ReturnType<typeof createAttributionFeed>;
