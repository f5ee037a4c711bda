import { createMemoryBus, type DocumentBus } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import { createMemorySnapshotStore, type SnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, documentToken, startSyncServer, storedText, waitSynced, type TestClient, type TestSyncServer } from '../test/harness.js';

// Issue 12, "Access is announced, never re-checked": a member removed while their socket
// was still joining kept writing; an event lost on pub/sub (a Redis reconnect) was never
// noticed by an open socket (SPEC 22).
let server: TestSyncServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = undefined;
});

/** A bus whose events never arrive (pub/sub lost them); the markers are still written. */
function losingEvents(bus: DocumentBus): DocumentBus {
  return { ...bus, onEvent: () => ({ unsubscribe() {} }) };
}

/** A store whose snapshot read waits until `release()`: rooms stay loading until then. */
function gatedStore(): { store: SnapshotStore; release(): void } {
  const inner = createMemorySnapshotStore();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { store: { ...inner, latest: async (id) => (await gate, inner.latest(id)) }, release };
}

describe('access is re-checked (SPEC 22)', () => {
  for (const lost of [false, true]) {
    it(`a member removed while their socket is still joining never writes (event ${lost ? 'lost' : 'delivered'})`, async () => {
      const bus = createMemoryBus();
      const { store, release } = gatedStore();
      server = await startSyncServer({ bus: lost ? losingEvents(bus) : bus, store });
      const id = `doc-joining-${lost}`;
      const removed = connectClient(server.url, id, await documentToken(id, 'editor', { userId: 'leaving' }));
      clients.push(removed);
      await waitFor(() => removed.provider.wsconnected, { what: 'socket open, room loading' });
      removed.text.insert(0, 'should never land');
      await bus.publishEvent({ type: 'member-removed', documentId: id, userId: 'leaving' });
      release();
      await waitFor(() => removed.closes.length > 0, { what: 'socket closed' });
      expect(removed.closes[0]).toBe(lost ? CloseCode.unauthorized : CloseCode.forbidden);
      removed.destroy();
      expect(await bus.updateCount(id)).toBe(0);
      expect(await storedText(bus, store, id)).toBe('');
    });
  }

  it('an open socket whose access event was lost is closed by the periodic re-check', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus: losingEvents(bus), store, accessCheckMs: 100 });
    const id = 'doc-lost-event';
    const member = connectClient(server.url, id, await documentToken(id, 'editor', { userId: 'member' }));
    const stays = connectClient(server.url, id, await documentToken(id, 'editor', { userId: 'stays' }));
    clients.push(member, stays);
    await waitSynced(member);
    await waitSynced(stays);
    member.text.insert(0, 'before ');
    await waitFor(async () => (await storedText(bus, store, id)) === 'before ', { what: 'edit stored' });
    await bus.publishEvent({ type: 'member-removed', documentId: id, userId: 'member' });
    await waitFor(() => member.closes.includes(CloseCode.unauthorized), { what: 're-check closes the socket' });
    expect(stays.closes).toEqual([]);
  });
});
