import { describe, expect, it } from 'vitest';
import type { UpdateLog } from './document-bus.js';
import type { DocumentRecords } from './document-records.js';

const docId = () => `doc-${Math.random().toString(36).slice(2)}`;

/**
 * One contract for client bindings and set-aside items. `open()` returns a
 * fresh handle on the same backing store each call, as a restarted process
 * or another instance would see it.
 */
export function describeDocumentRecordsContract(name: string, open: () => DocumentRecords & Pick<UpdateLog, 'deleteDocument'>): void {
  describe(`DocumentRecords contract: ${name}`, () => {
    it('binds a client id to the first user who claims it, for every later handle (SPEC 19)', async () => {
      const id = docId();
      const first = await open().bindClients(id, 'alice', new Map([[7, 2]]));
      expect(first.get(7)).toEqual({ userId: 'alice', clock: 2 });
      // Another user claiming it gets alice's binding back, unchanged.
      const second = await open().bindClients(id, 'mallory', new Map([[7, 90], [8, 0]]));
      expect(second.get(7)).toEqual({ userId: 'alice', clock: 2 });
      expect(second.get(8)).toEqual({ userId: 'mallory', clock: 0 });
      // The owner raises its clock; a lower claim never lowers it.
      await open().bindClients(id, 'alice', new Map([[7, 10]]));
      await open().bindClients(id, 'alice', new Map([[7, 4]]));
      await open().raiseClientClocks(id, new Map([[7, 12], [9, 5]]));
      const all = await open().clientBindings(id);
      expect(Object.fromEntries(all)).toEqual({ 7: { userId: 'alice', clock: 12 }, 8: { userId: 'mallory', clock: 0 } });
      expect((await open().clientBindings(docId())).size).toBe(0);
    });

    it('keeps set-aside items once per id', async () => {
      const id = docId();
      const item = { id: '5-0', reason: 'throws', at: 1, data: Uint8Array.of(1, 2) };
      await open().setAside(id, item);
      await open().setAside(id, { ...item, reason: 'again' });
      await open().setAside(id, { ...item, id: 'snapshot:v1', data: Uint8Array.of(3) });
      const items = await open().setAsideItems(id);
      expect(items.map((i) => [i.id, i.reason, [...i.data]]).sort()).toEqual([
        ['5-0', 'throws', [1, 2]],
        ['snapshot:v1', 'throws', [3]],
      ]);
    });

    it('forgets bindings and set-aside items with the document (one delete of all its keys)', async () => {
      const id = docId();
      await open().bindClients(id, 'alice', new Map([[7, 2]]));
      await open().setAside(id, { id: '5-0', reason: 'throws', at: 1, data: Uint8Array.of(1) });
      await open().deleteDocument(id);
      expect((await open().clientBindings(id)).size).toBe(0);
      expect(await open().setAsideItems(id)).toEqual([]);
    });
  });
}
