import { describe, expect, it } from 'vitest';
import type { SnapshotStore } from './snapshot-store.js';
import { stateOfText, textOfState } from './text-state.js';

/** One contract, run against every SnapshotStore implementation. */
export function describeSnapshotStoreContract(name: string, makeStore: () => SnapshotStore): void {
  describe(`SnapshotStore contract: ${name}`, () => {
    const store = () => makeStore();
    const doc = () => `doc-${Math.random().toString(36).slice(2)}`;

    it('has no latest version for an unknown document', async () => {
      expect(await store().latest(doc())).toBeNull();
      expect(await store().list(doc())).toEqual([]);
    });

    it('keeps every save as a version, newest first, and returns the newest as latest', async () => {
      const s = store();
      const id = doc();
      const first = await s.save(id, stateOfText('one'));
      const second = await s.save(id, stateOfText('two'));
      const third = await s.save(id, stateOfText('three'));
      const list = await s.list(id);
      expect(list.map((v) => v.id)).toEqual([third.id, second.id, first.id]);
      expect(list[0]?.sizeBytes).toBe(third.sizeBytes);
      const latest = await s.latest(id);
      expect(latest?.id).toBe(third.id);
      expect(textOfState(latest!.data)).toBe('three');
      expect(textOfState((await s.get(id, first.id))!)).toBe('one');
    });

    it('returns null for unknown or malformed version ids instead of reading paths', async () => {
      const s = store();
      const id = doc();
      await s.save(id, stateOfText('x'));
      expect(await s.get(id, '0000000000000-00000000')).toBeNull();
      expect(await s.get(id, '../../etc/passwd')).toBeNull();
    });

    it('keeps documents apart and deletes all versions of one', async () => {
      const s = store();
      const [a, b] = [doc(), doc()];
      await s.save(a, stateOfText('a1'));
      await s.save(a, stateOfText('a2'));
      await s.save(b, stateOfText('b1'));
      await s.deleteAll(a);
      expect(await s.list(a)).toEqual([]);
      expect(await s.latest(a)).toBeNull();
      expect(textOfState((await s.latest(b))!.data)).toBe('b1');
    });

    it('stores binary data byte for byte, including a large document', async () => {
      const s = store();
      const id = doc();
      const text = 'fn main() { println!("héllo 👋"); }\n'.repeat(20_000);
      const state = stateOfText(text);
      await s.save(id, state);
      const latest = await s.latest(id);
      expect(latest?.data).toEqual(state);
      expect(textOfState(latest!.data)).toBe(text);
    });

    it('answers a health check', async () => {
      await expect(store().check()).resolves.toBeUndefined();
    });
  });
}
