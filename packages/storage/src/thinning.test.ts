import { describe, expect, it } from 'vitest';
import { versionsToThin, type RetentionPolicy, type VersionStamp } from './thinning.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const POLICY: RetentionPolicy = { keepAllMs: DAY, hourlyMs: 30 * DAY };

/** A version saved `ago` before NOW, named `v<minutes ago>`. */
const at = (ago: number, named = false): VersionStamp => ({ id: `v${ago / MINUTE}`, time: NOW - ago, named });

describe('versionsToThin', () => {
  it('keeps every version of the last 24 hours', () => {
    const versions = [0, 1, 2, 60, 23 * 60 + 59].map((m) => at(m * MINUTE));
    expect(versionsToThin(versions, NOW, POLICY)).toEqual([]);
  });

  it('keeps the newest version of each clock hour between a day and 30 days old', () => {
    // NOW is 12:00; 25 h ago is 11:00 the day before: 11:00, 11:20, 11:40 share a clock hour, 10:50 is in the one before.
    const versions = [at(25 * HOUR), at(25 * HOUR - 20 * MINUTE), at(25 * HOUR - 40 * MINUTE), at(25 * HOUR + 10 * MINUTE)];
    expect(versionsToThin(versions, NOW, POLICY).sort()).toEqual([`v${25 * 60}`, `v${25 * 60 - 20}`].sort());
  });

  it('keeps the newest version of each UTC day beyond 30 days', () => {
    const dayStart = NOW - 40 * DAY - 12 * HOUR; // midnight UTC, 40 days before NOW's day
    const stamp = (offset: number): VersionStamp => ({ id: `d${offset / HOUR}`, time: dayStart + offset, named: false });
    const versions = [stamp(1 * HOUR), stamp(9 * HOUR), stamp(23 * HOUR), stamp(25 * HOUR)];
    expect(versionsToThin(versions, NOW, POLICY).sort()).toEqual(['d1', 'd9']);
  });

  it('never thins a named version, and a named one does not take its bucket from the newest', () => {
    const versions = [at(26 * HOUR + 30 * MINUTE, true), at(26 * HOUR + 10 * MINUTE), at(26 * HOUR + 50 * MINUTE, true), at(26 * HOUR + 40 * MINUTE)];
    // Clock hour 09:00–10:00 the day before: 09:50 (newest, kept), 09:30 named, 09:20 thinned, 09:10 named.
    expect(versionsToThin(versions, NOW, POLICY)).toEqual([`v${26 * 60 + 40}`]);
  });

  it('keeps what it kept before as time passes: a bucket never trades its version for an older one', () => {
    const versions = Array.from({ length: 24 * 40 }, (_, i) => at(i * 37 * MINUTE));
    let alive = versions;
    for (let step = 0; step < 30; step++) {
      const now = NOW + step * 7 * HOUR;
      const doomed = new Set(versionsToThin(alive, now, POLICY));
      const survivors = alive.filter((v) => !doomed.has(v.id));
      // Thinning again at the same moment changes nothing: the result is a fixed point.
      expect(versionsToThin(survivors, now, POLICY)).toEqual([]);
      alive = survivors;
    }
    // Bounded: at most a day's worth, then one per hour and one per day of the rest.
    expect(alive.length).toBeLessThan(versions.length);
    expect(alive[0]?.id).toBe('v0');
  });

  it('respects a shorter policy from the environment', () => {
    const versions = [at(3 * HOUR), at(3 * HOUR + 5 * MINUTE), at(30 * MINUTE), at(40 * MINUTE)];
    const doomed = versionsToThin(versions, NOW, { keepAllMs: HOUR, hourlyMs: 2 * HOUR });
    // Past 2 h: one per day; 3:00 and 3:05 ago fall on the same UTC day.
    expect(doomed).toEqual([`v${3 * 60 + 5}`]);
  });
});
