/**
 * When a client id's content arrived. Log entries are trimmed and snapshots
 * compacted, so arrival times are kept with the client's binding instead: a
 * short ascending list of checkpoints `{clock, at}`, each saying content from
 * `clock` on arrived at `at` or later. One is added only when the newest is at
 * least an interval old, so a client typing for two hours has about 120.
 */
export interface TimeCheckpoint {
  /** First clock of the content accepted at `at`. */
  clock: number;
  /** Milliseconds since the epoch, by the store's clock (Redis's own on Redis, so instances' skew does not matter). */
  at: number;
}

/** The new content an accepted update writes under a client id: its first and highest clock (inclusive). */
export interface ClockRun {
  first: number;
  last: number;
}

/** Checkpoints are at least this far apart: the granularity of attribution times. */
export const CLIENT_TIME_INTERVAL_MS = 60_000;

/**
 * Past this many checkpoints (a client id typed into for over 16 hours), they are kept
 * 60 times further apart, so a tab left open for weeks keeps a list that stays small.
 */
export const CLIENT_TIME_SLOW_AFTER = 1_000;

/** `times` with a checkpoint for content from `first` at `now`, when the newest is old enough (a new array, or `times` itself). */
export function addCheckpoint(times: readonly TimeCheckpoint[], first: number, now: number, intervalMs: number): TimeCheckpoint[] {
  const newest = times.at(-1);
  const interval = times.length >= CLIENT_TIME_SLOW_AFTER ? intervalMs * 60 : intervalMs;
  if (newest && (now - newest.at < interval || first <= newest.clock)) return times as TimeCheckpoint[];
  return [...times, { clock: first, at: now }];
}

/** When the content at `clock` arrived (at or after): the checkpoint with the largest clock not above it; undefined before the first. */
export function timeOfClock(times: readonly TimeCheckpoint[], clock: number): number | undefined {
  let low = 0;
  let high = times.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (times[middle]!.clock <= clock) {
      found = times[middle]!.at;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The stored form on Redis: `clock:at` pairs joined by commas (the bind script appends to it). */
export function parseTimes(value: string | undefined): TimeCheckpoint[] {
  if (!value) return [];
  return value.split(',').map((pair) => {
    const colon = pair.indexOf(':');
    return { clock: Number(pair.slice(0, colon)), at: Number(pair.slice(colon + 1)) };
  });
}
