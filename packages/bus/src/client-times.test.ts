import { describe, expect, it } from 'vitest';
import { addCheckpoint, CLIENT_TIME_SLOW_AFTER, parseTimes, timeOfClock, type TimeCheckpoint } from './client-times.js';

describe('client time checkpoints', () => {
  it('adds one only when the newest is an interval old and the content is past it', () => {
    let times: TimeCheckpoint[] = [];
    times = addCheckpoint(times, 0, 1_000, 60_000);
    expect(addCheckpoint(times, 5, 60_999, 60_000)).toBe(times);
    expect(addCheckpoint(times, 0, 70_000, 60_000)).toBe(times);
    times = addCheckpoint(times, 5, 61_000, 60_000);
    expect(times).toEqual([{ clock: 0, at: 1_000 }, { clock: 5, at: 61_000 }]);
  });

  it('keeps them 60 times further apart once a client id has many (a tab open for weeks)', () => {
    const many = Array.from({ length: CLIENT_TIME_SLOW_AFTER }, (_, index) => ({ clock: index, at: index * 60_000 }));
    const newest = many.at(-1)!.at;
    expect(addCheckpoint(many, 5_000, newest + 59 * 60_000, 60_000)).toBe(many);
    expect(addCheckpoint(many, 5_000, newest + 60 * 60_000, 60_000)).toHaveLength(CLIENT_TIME_SLOW_AFTER + 1);
  });

  it("gives a clock the time of the checkpoint with the largest clock not above it; none before the first", () => {
    const times = parseTimes('3:1000,10:2000,40:3000');
    expect(times).toEqual([{ clock: 3, at: 1000 }, { clock: 10, at: 2000 }, { clock: 40, at: 3000 }]);
    expect([2, 3, 9, 10, 39, 40, 1e6].map((clock) => timeOfClock(times, clock))).toEqual([undefined, 1000, 1000, 2000, 2000, 3000, 3000]);
    expect(timeOfClock(parseTimes(undefined), 5)).toBeUndefined();
  });
});
