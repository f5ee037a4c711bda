import { describe, expect, it } from 'vitest';
import type { UpdateLog } from './document-bus.js';
import type { ClientBinding, DocumentRecords } from './document-records.js';

const docId = () => `doc-${Math.random().toString(36).slice(2)}`;
/** New content from `first` to `last` under one client id. */
const run = (client: number, first: number, last: number) => [client, { first, last }] as const;
const bindingOf = (binding: ClientBinding | undefined) => binding && { userId: binding.userId, clock: binding.clock };

/**
 * One contract for client bindings and set-aside items. `open()` returns a
 * fresh handle on the same backing store each call, as a restarted process
 * or another instance would see it.
 */
export function describeDocumentRecordsContract(
  name: string,
  open: (options?: { clientTimeIntervalMs?: number }) => DocumentRecords & Pick<UpdateLog, 'deleteDocument'>,
): void {
  describe(`DocumentRecords contract: ${name}`, () => {
    it('binds a client id to the first user who claims it, for every later handle (SPEC 19)', async () => {
      const id = docId();
      const first = await open().bindClients(id, 'alice', new Map([run(7, 0, 2)]));
      expect(bindingOf(first.get(7))).toEqual({ userId: 'alice', clock: 2 });
      // Another user claiming it gets alice's binding back, unchanged.
      const second = await open().bindClients(id, 'mallory', new Map([run(7, 3, 90), run(8, 0, 0)]));
      expect(bindingOf(second.get(7))).toEqual({ userId: 'alice', clock: 2 });
      expect(bindingOf(second.get(8))).toEqual({ userId: 'mallory', clock: 0 });
      // The owner raises its clock; a lower claim never lowers it.
      await open().bindClients(id, 'alice', new Map([run(7, 3, 10)]));
      await open().bindClients(id, 'alice', new Map([run(7, 3, 4)]));
      await open().raiseClientClocks(id, new Map([[7, 12], [9, 5]]));
      const all = await open().clientBindings(id);
      expect(Object.fromEntries([...all].map(([client, binding]) => [client, bindingOf(binding)]))).toEqual({
        7: { userId: 'alice', clock: 12 },
        8: { userId: 'mallory', clock: 0 },
      });
      expect((await open().clientBindings(docId())).size).toBe(0);
    });

    it("records when each client's content arrived: a checkpoint per interval, by the owner only", async () => {
      const id = docId();
      const before = Date.now();
      await open().bindClients(id, 'alice', new Map([run(7, 0, 2)]));
      const after = Date.now();
      const [checkpoint] = (await open().clientBindings(id)).get(7)!.times!;
      expect(checkpoint!.clock).toBe(0);
      // Redis stamps with its own clock, which may differ from ours by a little.
      expect(checkpoint!.at).toBeGreaterThanOrEqual(before - 1_000);
      expect(checkpoint!.at).toBeLessThanOrEqual(after + 1_000);
      // Within the interval, and for another user's claim, nothing is added.
      await open().bindClients(id, 'alice', new Map([run(7, 3, 9)]));
      await open().bindClients(id, 'mallory', new Map([run(7, 10, 12)]));
      expect((await open().clientBindings(id)).get(7)!.times).toEqual([checkpoint]);
      // Once the newest is an interval old, new content adds one; a rerun of older clocks does not.
      const eager = open({ clientTimeIntervalMs: 0 });
      const other = docId();
      await eager.bindClients(other, 'alice', new Map([run(7, 0, 2)]));
      await eager.bindClients(other, 'alice', new Map([run(7, 3, 5)]));
      await eager.bindClients(other, 'alice', new Map([run(7, 1, 5)]));
      const times = (await eager.clientBindings(other)).get(7)!.times!;
      expect(times.map((t) => t.clock)).toEqual([0, 3]);
      expect(times[1]!.at).toBeGreaterThanOrEqual(times[0]!.at);
      expect(times[1]!.at).toBeLessThanOrEqual(Date.now() + 1_000);
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
      expect(await open().setAsideIds(id)).toEqual(new Set(['5-0', 'snapshot:v1']));
      expect(await open().setAsideIds(docId())).toEqual(new Set());
    });

    it("keeps the newest save's mark: a late mark of an older version never replaces it", async () => {
      const id = docId();
      expect(await open().savedMark(id)).toBeNull();
      await open().markSaved(id, { versionId: '0000000002000-aaaaaaaa', upTo: '2000-3', crc32: 4294967295 });
      await open().markSaved(id, { versionId: '0000000001000-ffffffff', upTo: '1000-0', crc32: 1 });
      expect(await open().savedMark(id)).toEqual({ versionId: '0000000002000-aaaaaaaa', upTo: '2000-3', crc32: 4294967295 });
      await open().markSaved(id, { versionId: '0000000003000-00000000', upTo: '3000-1', crc32: 0 });
      expect(await open().savedMark(id)).toEqual({ versionId: '0000000003000-00000000', upTo: '3000-1', crc32: 0 });
      expect(await open().savedMark(docId())).toBeNull();
    });

    it('forgets bindings, set-aside items and the saved mark with the document (one delete of all its keys)', async () => {
      const id = docId();
      await open().bindClients(id, 'alice', new Map([run(7, 0, 2)]));
      await open().setAside(id, { id: '5-0', reason: 'throws', at: 1, data: Uint8Array.of(1) });
      await open().markSaved(id, { versionId: '0000000002000-aaaaaaaa', upTo: '2000-3', crc32: 4294967295 });
      await open().deleteDocument(id);
      expect((await open().clientBindings(id)).size).toBe(0);
      expect(await open().setAsideItems(id)).toEqual([]);
      expect(await open().savedMark(id)).toBeNull();
    });
  });
}
