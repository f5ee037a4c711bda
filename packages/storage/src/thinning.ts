/**
 * Which versions of a document's history to delete. Pure: the history store
 * (history-store.ts) runs it after every save with the names it holds.
 *
 * Every version younger than `keepAllMs` stays; up to `hourlyMs` old, the
 * newest version of each clock hour stays; older, the newest of each UTC day.
 * Buckets are fixed clock hours and days, not ages, so the version a bucket
 * keeps today is the one it keeps tomorrow: a version survives until its
 * bucket widens, never flickers in and out. Named versions always stay, and do
 * not take their bucket's place (a name marks a moment, the bucket still keeps
 * where that hour ended).
 */
export interface RetentionPolicy {
  /** Every version younger than this stays. */
  keepAllMs: number;
  /** Up to this age, one version per hour stays; older, one per day. */
  hourlyMs: number;
}

export interface VersionStamp {
  id: string;
  /** Milliseconds since the epoch when the version was saved. */
  time: number;
  named: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_RETENTION: RetentionPolicy = { keepAllMs: DAY_MS, hourlyMs: 30 * DAY_MS };

/** Ids of the versions to delete, given the whole history (any order) and the time now. */
export function versionsToThin(versions: readonly VersionStamp[], now: number, policy: RetentionPolicy): string[] {
  const newestFirst = [...versions].sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : -1));
  const keptBuckets = new Set<string>();
  const doomed: string[] = [];
  for (const version of newestFirst) {
    if (version.named) continue;
    const bucket = bucketOf(version.time, now - version.time, policy);
    if (bucket === undefined) continue;
    if (keptBuckets.has(bucket)) doomed.push(version.id);
    else keptBuckets.add(bucket);
  }
  return doomed;
}

/** The bucket a version of this age competes in, or undefined when it is young enough to stay regardless. */
function bucketOf(time: number, age: number, policy: RetentionPolicy): string | undefined {
  if (age < policy.keepAllMs) return undefined;
  if (age < policy.hourlyMs) return `hour:${Math.floor(time / HOUR_MS)}`;
  return `day:${Math.floor(time / DAY_MS)}`;
}
