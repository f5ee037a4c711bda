export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export interface Backoff {
  /** Delay before the next attempt; each call counts one more failure. */
  next(): number;
  reset(): void;
  readonly attempts: number;
}

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(cap, base * 2^n)).
 * When the sync service restarts every client is closed in the same instant;
 * spreading the whole window keeps them from coming back in the same millisecond.
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const { baseMs = 500, capMs = 30_000, random = Math.random } = options;
  let attempts = 0;
  return {
    next() {
      const ceiling = Math.min(capMs, baseMs * 2 ** attempts);
      attempts += 1;
      return Math.floor(random() * ceiling);
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
