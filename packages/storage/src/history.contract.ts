import { describe, expect, it } from 'vitest';
import type { HistoryOptions } from './history-store.js';
import type { SnapshotStore } from './snapshot-store.js';
import { stateOfText, textOfState } from './text-state.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A fixed start, far from any clock-hour edge surprise: midnight UTC. */
const START = Date.UTC(2026, 0, 1);

/** Names and thinning, through the store's own interface, on a clock the test moves. */
export function describeHistoryContract(name: string, makeStore: (options?: HistoryOptions) => SnapshotStore): void {
  describe(`SnapshotStore history contract: ${name}`, () => {
    const doc = () => `doc-${Math.random().toString(36).slice(2)}`;

    function storeOnClock() {
      const clock = { now: START };
      const store = makeStore({ now: () => clock.now, retention: { keepAllMs: DAY, hourlyMs: 30 * DAY } });
      const saveAt = async (id: string, at: number, text: string) => {
        clock.now = at;
        return (await store.save(id, stateOfText(text))).id;
      };
      return { store, clock, saveAt };
    }

    it('names a version, lists the name, and answers null for a version that does not exist', async () => {
      const s = makeStore();
      const id = doc();
      const first = await s.save(id, stateOfText('one'));
      await s.save(id, stateOfText('two'));
      const named = await s.name(id, first.id, 'Release 1.0 ✓');
      expect(named).toMatchObject({ id: first.id, name: 'Release 1.0 ✓', sizeBytes: first.sizeBytes });
      expect((await s.list(id)).map((v) => v.name)).toEqual([null, 'Release 1.0 ✓']);
      await s.name(id, first.id, 'renamed');
      expect((await s.list(id))[1]?.name).toBe('renamed');
      expect(await s.name(id, '0000000000001-deadbeef', 'x')).toBeNull();
      expect(await s.name(id, '../../x', 'x')).toBeNull();
      expect(await s.name(doc(), first.id, 'x')).toBeNull();
    });

    it('thins by age after each save: all of the last day, one per hour, then one per day, never a named one', async () => {
      const { store, clock, saveAt } = storeOnClock();
      const id = doc();
      const early = await saveAt(id, START, 'a');
      const named = await saveAt(id, START + 10 * MINUTE, 'b');
      const endOfHour0 = await saveAt(id, START + 20 * MINUTE, 'c');
      const hour1 = await saveAt(id, START + 70 * MINUTE, 'd');
      const endOfHour1 = await saveAt(id, START + 80 * MINUTE, 'e');
      await store.name(id, named, 'before the refactor');
      // Still within the day: everything stays.
      expect(await store.list(id)).toHaveLength(5);

      const nextDay = await saveAt(id, START + 26 * HOUR, 'f');
      expect((await store.list(id)).map((v) => v.id)).toEqual([nextDay, endOfHour1, endOfHour0, named]);
      // Thinned versions are gone from the medium, not only from the list.
      expect(await store.get(id, early)).toBeNull();
      expect(await store.get(id, hour1)).toBeNull();

      const later = await saveAt(id, START + 40 * DAY, 'g');
      expect((await store.list(id)).map((v) => v.id)).toEqual([later, nextDay, endOfHour1, named]);
      expect(textOfState((await store.get(id, named))!)).toBe('b');
      expect(textOfState((await store.latest(id))!.data)).toBe('g');

      // Clearing the name returns it to thinning, which lets it go at once (its day keeps endOfHour1).
      clock.now = START + 40 * DAY + MINUTE;
      expect(await store.name(id, named, null)).toMatchObject({ id: named, name: null });
      expect((await store.list(id)).map((v) => v.id)).toEqual([later, nextDay, endOfHour1]);
    });

    it('never thins the newest version, however old', async () => {
      const { store, saveAt } = storeOnClock();
      const id = doc();
      await saveAt(id, START, 'old');
      const newest = await saveAt(id, START + 5 * MINUTE, 'newest');
      await saveAt(doc(), START + 400 * DAY, 'another document saves much later');
      // Thinning runs for the document saved: this one is untouched until its next save.
      expect((await store.list(id)).map((v) => v.id)).toContain(newest);
      const after = await saveAt(id, START + 400 * DAY + MINUTE, 'now');
      expect((await store.list(id)).map((v) => v.id)).toEqual([after, newest]);
    });
  });
}
