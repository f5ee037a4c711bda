import { createMemoryBus, createRedisBus, type DocumentBus } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import { createMemorySnapshotStore, type SnapshotStore } from '@codesync/storage';
import { deleteRedisPrefix, describeWithRedis, testLogger, testRedisPrefix, testServices, waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stringItem } from '../test/crafted-updates.js';
import {
  connectClient,
  documentToken,
  rawSocket,
  startSyncServer,
  storedText,
  waitAllText,
  waitSynced,
  type TestClient,
  type TestSyncServer,
} from '../test/harness.js';
import { encodeUpdate } from './messages.js';

// Issue 12, "One editor can silently erase another's typing": structs sent under the
// victim's Yjs client id at the victim's next clock made the victim's own next edit a
// no-op on the server. SPEC 19: a client id belongs to the user who first wrote with it.
const servers: TestSyncServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function start(bus: DocumentBus, store: SnapshotStore): Promise<TestSyncServer> {
  const server = await startSyncServer({ bus, store });
  servers.push(server);
  return server;
}

function client(server: TestSyncServer, id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token);
  clients.push(c);
  return c;
}

/** Struct under the victim's client id at its next clock, after its last character. */
function impersonation(victim: Y.Doc): Uint8Array {
  const next = Y.getState(victim.store, victim.clientID);
  return stringItem(victim.clientID, next, 'EVIL', { client: victim.clientID, clock: next - 1 });
}

async function playErasure(attackOn: TestSyncServer, victimOn: TestSyncServer, bus: DocumentBus, store: SnapshotStore, id: string) {
  const victimToken = await documentToken(id, 'editor', { userId: 'victim' });
  const victim = client(victimOn, id, victimToken);
  await waitSynced(victim);
  victim.text.insert(0, 'base');
  await waitFor(async () => (await storedText(bus, store, id)) === 'base', { what: 'victim typing stored' });
  // The binding carries when the victim's content arrived (SPEC 19), from its first clock.
  const [checkpoint] = (await bus.clientBindings(id)).get(victim.doc.clientID)?.times ?? [];
  expect(checkpoint?.clock).toBe(0);
  expect(checkpoint?.at).toBeLessThanOrEqual(Date.now() + 1_000);

  const { socket, closed } = await rawSocket(attackOn.url, id, await documentToken(id, 'editor', { userId: 'mallory' }));
  socket.send(encodeUpdate(impersonation(victim.doc)));
  expect(await closed).toBe(CloseCode.malformed);

  victim.text.insert(4, ' good');
  const watcher = client(attackOn, id, await documentToken(id, 'viewer', { userId: 'watcher' }));
  await waitAllText([victim, watcher], 'base good');
  await waitFor(async () => (await storedText(bus, store, id)) === 'base good', { what: 'victim edit stored' });
  expect(victim.closes).toEqual([]);
}

describe('client ids belong to people (SPEC 19)', () => {
  it('an editor cannot erase the victim’s typing by writing under the victim’s client id', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const server = await start(bus, store);
    await playErasure(server, server, bus, store, 'doc-erase');
  });

  it('the binding survives the room unloading: the attacker is refused in the reloaded room', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const server = await start(bus, store);
    const id = 'doc-erase-reloaded';
    const victim = client(server, id, await documentToken(id, 'editor', { userId: 'victim' }));
    await waitSynced(victim);
    victim.text.insert(0, 'base');
    await waitFor(async () => (await storedText(bus, store, id)) === 'base', { what: 'victim typing stored' });
    victim.provider.disconnect();
    await waitFor(() => server.runtime.stats().rooms === 0, { what: 'room unloaded' });
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id, 'editor', { userId: 'mallory' }));
    socket.send(encodeUpdate(impersonation(victim.doc)));
    expect(await closed).toBe(CloseCode.malformed);
    expect(await storedText(bus, store, id)).toBe('base');
  });

  it('accepts a re-send of someone else’s edits (a client reloading them from IndexedDB)', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const server = await start(bus, store);
    const id = 'doc-resend';
    const author = client(server, id, await documentToken(id, 'editor', { userId: 'author' }));
    await waitSynced(author);
    author.text.insert(0, 'written by author');
    await waitFor(async () => (await storedText(bus, store, id)) === 'written by author', { what: 'stored' });
    // Another user's client that holds the author's edits and an edit of its own made offline.
    const reloaded = client(server, id, await documentToken(id, 'editor', { userId: 'reader' }));
    reloaded.provider.disconnect();
    Y.applyUpdate(reloaded.doc, Y.encodeStateAsUpdate(author.doc));
    reloaded.text.insert(0, '> ');
    reloaded.provider.connect();
    await waitAllText([author, reloaded], '> written by author');
    expect(reloaded.closes).toEqual([]);
  });

  it('binds nothing on a re-send of content under an id nobody owns (text the API restored)', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const server = await start(bus, store);
    const id = 'doc-unbound-resend';
    const restored = new Y.Doc();
    restored.getText('content').insert(0, 'restored by the API');
    await bus.appendUpdate(id, Y.encodeStateAsUpdate(restored), 'api');
    // A client re-sending everything it holds (as one reloading from IndexedDB may), then typing.
    const { socket } = await rawSocket(server.url, id, await documentToken(id, 'editor', { userId: 'resender' }));
    socket.send(encodeUpdate(Y.encodeStateAsUpdate(restored)));
    socket.close();
    const reader = client(server, id, await documentToken(id, 'editor', { userId: 'reader' }));
    await waitSynced(reader);
    reader.text.insert(0, '> ');
    await waitFor(async () => (await storedText(bus, store, id)) === '> restored by the API', { what: 'edit stored' });
    const bindings = await bus.clientBindings(id);
    expect(bindings.has(restored.clientID)).toBe(false);
    expect(bindings.get(reader.doc.clientID)?.userId).toBe('reader');
  });

  it('after a storage fallback, two clients holding each other’s edits resupply what the server lost', async () => {
    const bus = createMemoryBus();
    const inner = createMemorySnapshotStore();
    let lost = false;
    const store: SnapshotStore = { ...inner, latest: (documentId) => (lost ? Promise.resolve(null) : inner.latest(documentId)) };
    const server = await start(bus, store);
    const id = 'doc-fallback';
    const a = client(server, id, await documentToken(id, 'editor', { userId: 'alice' }));
    const b = client(server, id, await documentToken(id, 'editor', { userId: 'bob' }));
    await waitSynced(a);
    await waitSynced(b);
    a.text.insert(0, 'alice ');
    await waitAllText([a, b], 'alice ');
    b.text.insert(6, 'bob');
    await waitAllText([a, b], 'alice bob');
    a.provider.disconnect();
    b.provider.disconnect();
    // The room saves on unload, recording every clock it holds in the bindings.
    await waitFor(() => server.runtime.stats().rooms === 0, { what: 'room unloaded' });
    await waitFor(async () => (await bus.clientBindings(id)).get(b.doc.clientID)?.clock === 2, { what: 'clocks recorded' });
    // Storage falls back to nothing, and the log was trimmed: the server has lost both edits.
    lost = true;
    const entries = await bus.readUpdates(id);
    if (entries.length > 0) await bus.trimUpdates(id, entries[entries.length - 1]!.id);
    expect(await storedText(bus, store, id)).toBe('');
    a.provider.connect();
    b.provider.connect();
    await waitAllText([a, b], 'alice bob');
    await waitFor(async () => (await storedText(bus, store, id)) === 'alice bob', { what: 'resupplied' });
    expect([...a.closes, ...b.closes]).toEqual([]);
  });
});

const prefix = testRedisPrefix();
describeWithRedis('client ids belong to people, across instances on Redis (SPEC 19)', () => {
  const buses: DocumentBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    await deleteRedisPrefix(prefix);
  });

  it('an attacker on another instance cannot erase the victim’s typing', async () => {
    const open = () => {
      const bus = createRedisBus({ url: testServices.redisUrl!, keyPrefix: prefix, logger: testLogger() });
      buses.push(bus);
      return bus;
    };
    const store = createMemorySnapshotStore();
    const [busA, busB] = [open(), open()];
    const [a, b] = [await start(busA, store), await start(busB, store)];
    await playErasure(b, a, busA, store, `doc-erase-redis-${Date.now()}`);
  });
});
