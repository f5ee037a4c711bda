import type { BusEvent } from '@codesync/protocol';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { revocationFrom, type BusEntry, type DocumentBus } from './document-bus.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const docId = () => `doc-${Math.random().toString(36).slice(2)}`;

/**
 * One contract for every DocumentBus. `makeBuses(n)` returns n buses that
 * share one backing store, as n processes sharing one Redis would.
 */
export function describeDocumentBusContract(name: string, makeBuses: (n: number) => DocumentBus[]): void {
  describe(`DocumentBus contract: ${name}`, () => {
    let open: DocumentBus[] = [];
    const buses = (n: number) => (open = makeBuses(n));
    afterEach(async () => {
      await Promise.all(open.map((bus) => bus.close()));
      open = [];
    });

    it('appends updates durably, in order, and reads them back after an id', async () => {
      const [bus] = buses(1);
      const id = docId();
      const a = await bus!.appendUpdate(id, bytes(1), 'x');
      const b = await bus!.appendUpdate(id, bytes(2, 2), 'y');
      const all = await bus!.readUpdates(id);
      expect(all.map((e) => [e.id, e.origin, [...e.data]])).toEqual([[a, 'x', [1]], [b, 'y', [2, 2]]]);
      expect((await bus!.readUpdates(id, a)).map((e) => e.id)).toEqual([b]);
      expect(await bus!.updateCount(id)).toBe(2);
    });

    it('lists the documents whose log holds entries', async () => {
      const [bus] = buses(1);
      const [busy, trimmed] = [docId(), docId()];
      await bus!.appendUpdate(busy, bytes(1), 'x');
      const last = await bus!.appendUpdate(trimmed, bytes(1), 'x');
      await bus!.trimUpdates(trimmed, last);
      const listed = await bus!.documentsWithUpdates();
      expect(listed).toContain(busy);
      expect(listed).not.toContain(trimmed);
    });

    it('trims up to and including an id, keeping later entries', async () => {
      const [bus] = buses(1);
      const id = docId();
      const a = await bus!.appendUpdate(id, bytes(1), 'x');
      const b = await bus!.appendUpdate(id, bytes(2), 'x');
      await bus!.trimUpdates(id, a);
      expect((await bus!.readUpdates(id)).map((e) => e.id)).toEqual([b]);
      await bus!.deleteDocument(id);
      expect(await bus!.readUpdates(id)).toEqual([]);
    });

    it('delivers the backlog after afterId, then live entries of every origin, across buses', async () => {
      const [writer, reader] = buses(2);
      const id = docId();
      const first = await writer!.appendUpdate(id, bytes(1), 'w');
      await writer!.appendUpdate(id, bytes(2), 'w');
      const seen: BusEntry[] = [];
      const subscription = reader!.subscribe(id, first, (_doc, entries) => seen.push(...entries));
      await waitFor(() => seen.length === 1, { what: 'backlog' });
      await writer!.appendUpdate(id, bytes(3), 'w');
      await waitFor(() => seen.length === 2, { what: 'live update' });
      expect(seen.map((e) => [e.kind, [...e.data]])).toEqual([['update', [2]], ['update', [3]]]);
      subscription.unsubscribe();
    });

    it('tells a subscriber whose position was trimmed away, then goes on from the trim point', async () => {
      const [writer, reader] = buses(2);
      const id = docId();
      const first = await writer!.appendUpdate(id, bytes(1), 'w');
      const second = await writer!.appendUpdate(id, bytes(2), 'w');
      await writer!.appendUpdate(id, bytes(3), 'w');
      // The reader stalled at `first` while the compactor trimmed up to `second`.
      await writer!.trimUpdates(id, second);
      const trimmed: string[] = [];
      const seen: BusEntry[] = [];
      reader!.subscribe(id, first, (_doc, entries) => seen.push(...entries), (doc) => trimmed.push(doc));
      await waitFor(() => trimmed.length === 1 && seen.length === 1, { what: 'trim report and the entry after it' });
      expect([...seen[0]!.data]).toEqual([3]);
      // A subscriber that missed nothing is not told.
      const quiet: string[] = [];
      const after: BusEntry[] = [];
      writer!.subscribe(id, second, (_doc, entries) => after.push(...entries), (doc) => quiet.push(doc));
      await waitFor(() => after.length === 1, { what: 'entry after the trim point' });
      expect(quiet).toEqual([]);
    });

    it('carries awareness to subscribers, live only', async () => {
      const [a, b] = buses(2);
      const id = docId();
      await a!.publishAwareness(id, bytes(9), 'before');
      const seen: BusEntry[] = [];
      b!.subscribe(id, '0', (_doc, entries) => seen.push(...entries));
      // The subscriber starts at "now": publish until one arrives, then check none is stale.
      await waitFor(
        async () => {
          await a!.publishAwareness(id, bytes(7), 'a');
          return seen.some((e) => e.kind === 'awareness');
        },
        { what: 'awareness entry', intervalMs: 50 },
      );
      expect(seen.every((e) => e.kind === 'awareness' && e.origin === 'a')).toBe(true);
    });

    it('keeps documents apart and stops delivering after unsubscribe', async () => {
      const [a, b] = buses(2);
      const [one, two] = [docId(), docId()];
      const seen: string[] = [];
      const subscription = b!.subscribe(one, '0', (doc) => seen.push(doc));
      b!.subscribe(two, '0', (doc) => seen.push(doc));
      await a!.appendUpdate(one, bytes(1), 'a');
      await a!.appendUpdate(two, bytes(1), 'a');
      await waitFor(() => seen.length === 2, { what: 'both documents' });
      subscription.unsubscribe();
      await a!.appendUpdate(one, bytes(2), 'a');
      await a!.appendUpdate(two, bytes(2), 'a');
      await waitFor(() => seen.filter((d) => d === two).length === 2, { what: 'second document' });
      expect(seen.filter((d) => d === one)).toHaveLength(1);
    });

    it('broadcasts events to every bus', async () => {
      const [a, b] = buses(2);
      const received: BusEvent[] = [];
      b!.onEvent((event) => received.push(event));
      a!.onEvent((event) => received.push(event));
      const event: BusEvent = { type: 'session-revoked', sessionId: 's1' };
      await waitFor(
        async () => {
          // Redis pub/sub subscription is asynchronous: publish until both listeners have it.
          if (received.length < 2) await a!.publishEvent(event);
          return received.length >= 2;
        },
        { what: 'event on both buses', intervalMs: 50 },
      );
      expect(received[0]).toEqual(event);
    });

    it('keeps delivering events after the last document subscription of a bus ends', async () => {
      const [a, b] = buses(2);
      const received: BusEvent[] = [];
      b!.onEvent((event) => received.push(event));
      const id = docId();
      const entries: BusEntry[] = [];
      const subscription = b!.subscribe(id, '0', (_doc, seen) => entries.push(...seen));
      await waitFor(
        async () => {
          await a!.publishAwareness(id, bytes(1), 'a');
          return entries.length > 0;
        },
        { what: 'the document subscription live', intervalMs: 50 },
      );
      subscription.unsubscribe();
      await waitFor(
        async () => {
          await a!.publishEvent({ type: 'session-revoked', sessionId: 'after-unsubscribe' });
          return received.length > 0;
        },
        { what: 'an event after the unsubscribe', intervalMs: 50 },
      );
    });

    it('refuses tokens issued before an access event, from any process, and not after', async () => {
      const [a, b] = buses(2);
      const documentId = docId();
      const token = { sessionId: `s-${documentId}`, documentId, userId: 'u1', issuedAtMs: Date.now() - 5000 };
      expect(await b!.revokedBy(token)).toBeNull();
      await a!.publishEvent({ type: 'member-removed', documentId, userId: 'u1' });
      expect(await b!.revokedBy(token)).toBe('member');
      expect(await b!.revokedBy({ ...token, userId: 'u2' })).toBeNull();
      expect(await b!.revokedBy({ ...token, issuedAtMs: Date.now() + 2000 })).toBeNull();
      await a!.publishEvent({ type: 'session-revoked', sessionId: 'other' });
      expect(await b!.revokedBy({ ...token, userId: 'u2', sessionId: 'other' })).toBe('session');
      await a!.publishEvent({ type: 'document-deleted', documentId });
      expect(await b!.revokedBy({ ...token, userId: 'u3', sessionId: 'x' })).toBe('document');
    });

    it('refuses every file token of a project member removed from the project, with one event', async () => {
      const [a, b] = buses(2);
      const projectId = `p-${docId()}`;
      const issuedAtMs = Date.now() - 5000;
      const fileToken = (documentId: string, userId = 'u1') => ({ sessionId: 's', documentId, userId, issuedAtMs, projectId });
      const [one, two] = [docId(), docId()];
      expect(await b!.revokedBy(fileToken(one))).toBeNull();
      await a!.publishEvent({ type: 'project-member-removed', projectId, userId: 'u1' });
      expect(await b!.revokedBy(fileToken(one))).toBe('member');
      expect(await b!.revokedBy(fileToken(two))).toBe('member');
      expect(await b!.revokedBy(fileToken(one, 'u2'))).toBeNull();
      // A token whose role does not come from the project is not touched by project events.
      expect(await b!.revokedBy({ ...fileToken(one), projectId: undefined })).toBeNull();
      await a!.publishEvent({ type: 'project-deleted', projectId });
      expect(await b!.revokedBy(fileToken(two, 'u2'))).toBe('document');
    });

    it('reads the time of each marker an access event left, one read per marker, and decides a token from them', async () => {
      const [a, b] = buses(2);
      const documentId = docId();
      const issuedAtMs = Date.now() - 5000;
      await a!.publishEvent({ type: 'member-removed', documentId, userId: 'u1' });
      const markers = ['member:' + documentId + ':u1', 'member:' + documentId + ':u2', 'document:' + documentId];
      const times = await b!.markerTimes(markers);
      expect([...times.keys()]).toEqual([markers[0]]);
      expect(revocationFrom({ documentId, userId: 'u1', sessionId: 's', issuedAtMs }, times)).toBe('member');
      expect(revocationFrom({ documentId, userId: 'u2', sessionId: 's', issuedAtMs }, times)).toBeNull();
      expect(revocationFrom({ documentId, userId: 'u1', sessionId: 's', issuedAtMs: Date.now() + 5000 }, times)).toBeNull();
    });

    it('grants a lease to one holder at a time and frees it on release or expiry', async () => {
      const [a, b] = buses(2);
      const lease = `lease-${docId()}`;
      expect(await a!.acquireLease(lease, 'a', 10_000)).toBe(true);
      expect(await b!.acquireLease(lease, 'b', 10_000)).toBe(false);
      expect(await a!.acquireLease(lease, 'a', 10_000)).toBe(true);
      await a!.releaseLease(lease, 'a');
      expect(await b!.acquireLease(lease, 'b', 50)).toBe(true);
      await waitFor(() => a!.acquireLease(lease, 'a', 10_000), { what: 'expired lease' });
    });
  });
}
