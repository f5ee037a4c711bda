import { describe, expect, it } from 'vitest';
import { describeHistoryContract } from './history.contract.js';
import type { HistoryOptions } from './history-store.js';
import type { SnapshotStore } from './snapshot-store.js';
import { stateOfText, textOfState } from './text-state.js';

/** One contract, run against every SnapshotStore implementation (its history half in history.contract.ts). */
export function describeSnapshotStoreContract(name: string, makeStore: (options?: HistoryOptions) => SnapshotStore): void {
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
      expect(list.map((v) => v.name)).toEqual([null, null, null]);
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

    it('falls back to the previous version when the newest ones are unreadable, and keeps them', async () => {
      const s = store();
      const id = doc();
      const good = await s.save(id, stateOfText('last good text'));
      const whole = stateOfText('x'.repeat(1000));
      // What a crash, a full disk or a bad write leaves behind: empty, cut short, not Yjs at all;
      // and bytes that decode but throw once applied (an item whose left origin is its own client's clock 50).
      const utf8 = new TextEncoder();
      const throwsOnApply = Uint8Array.from([1, 2, 7, 0, 0x04, 1, 7, ...utf8.encode('content'), 3, ...utf8.encode('abc'), 0x84, 7, 50, 1, ...utf8.encode('x'), 0]);
      const unreadable = [new Uint8Array(), whole.slice(0, whole.byteLength / 2), throwsOnApply, utf8.encode('{"not":"yjs"}')];
      for (const data of unreadable) await s.save(id, data);
      const latest = await s.latest(id);
      expect(latest?.id).toBe(good.id);
      expect(textOfState(latest!.data)).toBe('last good text');
      // Kept for inspection, not deleted.
      expect(await s.list(id)).toHaveLength(5);
      expect((await s.get(id, (await s.list(id))[0]!.id))?.byteLength).toBe(unreadable[3]!.byteLength);
    });

    it('has no latest version when every version is unreadable', async () => {
      const s = store();
      const id = doc();
      await s.save(id, new Uint8Array([0xff, 0xff, 0xff]));
      expect(await s.latest(id)).toBeNull();
    });
  });
  describeHistoryContract(name, makeStore);
}
