/** Fewest milliseconds between two cursor/selection broadcasts of this client. */
export const SELECTION_INTERVAL_MS = 80;

export interface ThrottleTimers {
  setTimeout(task: () => void, ms: number): unknown;
  now(): number;
}

const browserTimers: ThrottleTimers = {
  setTimeout: (task, ms) => globalThis.setTimeout(task, ms),
  now: () => Date.now(),
};

/**
 * y-monaco broadcasts the selection on every cursor move: holding an arrow key sends
 * ~30 awareness messages a second to every peer, past what the sync service allows one
 * socket. This sends the first move at once and then at most one per interval, always
 * ending on the latest selection.
 */
export function throttleLatest<T>(send: (value: T) => void, intervalMs = SELECTION_INTERVAL_MS, timers = browserTimers) {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastSentAt = timers.now();
    send(value);
  }

  return (value: T): void => {
    pending = { value };
    if (scheduled) return;
    const wait = lastSentAt + intervalMs - timers.now();
    if (wait <= 0) return flush();
    scheduled = true;
    timers.setTimeout(flush, wait);
  };
}
