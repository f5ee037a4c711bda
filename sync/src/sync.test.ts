import { createMemoryBus, type DocumentBus } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import { createMemorySnapshotStore, stateOfText, textOfState, type SnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTokenService } from '@codesync/auth';
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
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from './messages.js';

// SPEC: DESIGN.md "Sync service", run on the in-process bus (embedded mode).
describe('sync service (in-process bus)', () => {
  let bus: DocumentBus;
  let store: SnapshotStore;
  let server: TestSyncServer;
  let clients: TestClient[] = [];
  const docId = () => `doc-${Math.random().toString(36).slice(2, 10)}`;
  const client = async (documentId: string, role: 'owner' | 'editor' | 'viewer' = 'editor', extra = {}) => {
    const c = connectClient(server.url, documentId, await documentToken(documentId, role, extra));
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    bus = createMemoryBus();
    store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store, compaction: { debounceMs: 50, maxDelayMs: 200 } });
  });

  afterEach(async () => {
    for (const c of clients) c.destroy();
    clients = [];
    await server.close();
  });

  // SPEC 7, 9
  it('two clients converge, and a late joiner gets the full text', async () => {
    const id = docId();
    const [a, b] = [await client(id), await client(id)];
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.text.insert(0, 'hello');
    await waitAllText([a, b], 'hello');
    b.text.insert(5, ' world');
    await waitAllText([a, b], 'hello world');
    const late = await client(id);
    await waitSynced(late);
    expect(late.text.toString()).toBe('hello world');
  });

  it('loads an existing snapshot and log for the first joiner', async () => {
    const id = docId();
    await store.save(id, stateOfText('from snapshot'));
    const c = await client(id);
    await waitSynced(c);
    expect(c.text.toString()).toBe('from snapshot');
  });

  // Broadcasts are framed once and written to every socket as they are (frames.ts):
  // each length of a frame's header (7-bit, 16-bit, 64-bit payload length) reaches the others whole.
  it('delivers updates of every frame size whole to every other client', async () => {
    const id = docId();
    const [a, b, c] = [await client(id), await client(id), await client(id)];
    await Promise.all([waitSynced(a), waitSynced(b), waitSynced(c)]);
    let expected = '';
    for (const size of [1, 100, 125, 126, 1000, 65_535, 65_536, 300_000]) {
      const chunk = String.fromCharCode(97 + (size % 26)).repeat(size);
      a.text.insert(a.text.length, chunk);
      expected += chunk;
      await waitAllText([b, c], expected);
    }
  });

  // SPEC 5
  it("drops a viewer's edits: nobody receives them and nothing is stored", async () => {
    const id = docId();
    const [editor, viewer] = [await client(id), await client(id, 'viewer')];
    await Promise.all([waitSynced(editor), waitSynced(viewer)]);
    editor.text.insert(0, 'shared');
    await waitAllText([editor, viewer], 'shared');
    viewer.text.insert(0, 'VIEWER ');
    // A later editor edit reaches the viewer, proving the room is live, while the viewer's text never arrives.
    editor.text.insert(6, '!');
    await waitFor(() => viewer.text.toString().includes('!'), { what: 'editor edit at viewer' });
    expect(editor.text.toString()).toBe('shared!');
    const fresh = await client(id);
    await waitSynced(fresh);
    expect(fresh.text.toString()).toBe('shared!');
    expect(await storedText(bus, store, id)).toBe('shared!');
  });

  // SPEC 1, 2
  it('refuses bad tokens with 4401, another document with 4403, a deleted document with 4404', async () => {
    const id = docId();
    const expired = await createTokenService({ secret: 'test-secret-test-secret-test-secret!!', documentTtlSeconds: -5 })
      .signDocument({ userId: 'u', name: 'U', documentId: id, role: 'editor', sessionId: 's' });
    const forged = await createTokenService({ secret: 'another-secret-another-secret-another' })
      .signDocument({ userId: 'u', name: 'U', documentId: id, role: 'editor', sessionId: 's' });
    const cases: [string, number][] = [
      ['', CloseCode.unauthorized],
      ['not-a-jwt', CloseCode.unauthorized],
      [expired.token, CloseCode.unauthorized],
      [forged.token, CloseCode.unauthorized],
      [await documentToken('some-other-doc'), CloseCode.forbidden],
    ];
    for (const [token, code] of cases) {
      const { closed } = await rawSocket(server.url, id, token);
      expect(await closed).toBe(code);
    }
    const token = await documentToken(id);
    await bus.publishEvent({ type: 'document-deleted', documentId: id });
    const { closed } = await rawSocket(server.url, id, token);
    expect(await closed).toBe(CloseCode.notFound);
  });

  // SPEC 4
  it('closes a socket that sends garbage; the others in the room keep editing', async () => {
    const id = docId();
    const [a, b] = [await client(id), await client(id)];
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const garbage = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), // huge varint
      new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x0f]), // update with a length beyond the frame
      new Uint8Array([7]), // unknown message type
      new Uint8Array([0, 0]), // truncated step 1
      encodeUpdate(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), // framed, but not a Yjs update
      encodeAwareness(new Uint8Array([1, 1, 1, 9, 123])), // awareness with broken JSON
    ];
    for (const frame of garbage) {
      const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
      socket.send(frame);
      expect(await closed).toBe(CloseCode.malformed);
    }
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    socket.send('text frame');
    expect(await closed).toBe(CloseCode.malformed);
    a.text.insert(0, 'still alive');
    await waitAllText([a, b], 'still alive');
  });

  // SPEC 4
  it('closes an oversized message with 1009 and keeps the process serving', async () => {
    const small = await startSyncServer({ bus, store, maxMessageBytes: 1024 });
    try {
      const id = docId();
      const { socket, closed } = await rawSocket(small.url, id, await documentToken(id));
      socket.send(new Uint8Array(4096));
      expect(await closed).toBe(CloseCode.messageTooBig);
      const c = connectClient(small.url, id, await documentToken(id));
      clients.push(c);
      await waitSynced(c);
    } finally {
      await small.close();
    }
  });

  // SPEC 8
  it('shows each user in awareness and removes a user who leaves', async () => {
    const id = docId();
    const [a, b] = [await client(id), await client(id)];
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#f00' });
    const names = () => [...b.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    await waitFor(() => names().includes('Ada'), { what: 'Ada in awareness' });
    const adaId = a.doc.clientID;
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(adaId), { what: 'Ada removed' });
  });

  // SPEC 10
  it('compacts the log into a snapshot version that holds the text', async () => {
    const id = docId();
    const a = await client(id);
    await waitSynced(a);
    a.text.insert(0, 'compact me');
    await waitFor(async () => {
      const latest = await store.latest(id);
      return latest && textOfState(latest.data) === 'compact me';
    }, { what: 'snapshot with the text' });
    expect((await store.list(id)).length).toBeGreaterThanOrEqual(1);
  });

  // SPEC 10: compaction saves the room's state from memory; the log entries a save holds are not saved again.
  it('saves one version per burst of edits, and none when a reopened room holds nothing new', async () => {
    const id = docId();
    const a = await client(id);
    await waitSynced(a);
    a.text.insert(0, 'one burst');
    a.text.insert(9, ' of edits');
    await waitFor(async () => (await store.list(id)).length === 1, { what: 'first version' });
    expect(textOfState((await store.latest(id))!.data)).toBe('one burst of edits');
    a.destroy();
    await waitFor(() => server.runtime.stats().rooms === 0, { what: 'room unloaded' });
    // The log still holds the entries (they wait out the trim lag): the reloaded room knows they are saved.
    expect(await bus.updateCount(id)).toBeGreaterThan(0);
    const b = await client(id);
    await waitSynced(b);
    expect(b.text.toString()).toBe('one burst of edits');
    b.text.insert(0, '> ');
    await waitFor(async () => textOfState((await store.latest(id))!.data) === '> one burst of edits', { what: 'second version' });
    // One version per burst: reopening the room saved nothing of its own.
    expect(await store.list(id)).toHaveLength(2);
  });

  // SPEC 11
  it('never trims the log before the snapshot is written: a failing store keeps every entry', async () => {
    let attempts = 0;
    const failing: SnapshotStore = {
      ...store,
      save: async () => {
        attempts += 1;
        throw new Error('disk on fire');
      },
    };
    const s = await startSyncServer({ bus, store: failing, compaction: { debounceMs: 10, maxDelayMs: 20 } });
    try {
      const id = docId();
      const c = connectClient(s.url, id, await documentToken(id));
      clients.push(c);
      await waitSynced(c);
      for (let i = 0; i < 5; i++) c.text.insert(i, String(i));
      await waitFor(async () => (await bus.updateCount(id)) >= 5, { what: 'updates in the log' });
      const before = await bus.updateCount(id);
      await waitFor(() => attempts >= 2, { what: 'two failed compactions (retried with backoff)' });
      expect(await bus.updateCount(id)).toBe(before);
      expect(await store.list(id)).toEqual([]);
      expect(await storedText(bus, store, id)).toBe('01234');
    } finally {
      await s.close();
    }
  });

  // SPEC 16
  it('acts on access changes live: revoked session 4401, removed member 4403, deleted document 4404', async () => {
    const id = docId();
    const revoked = await client(id, 'editor', { userId: 'u-rev', sessionId: 'sess-rev' });
    const removed = await client(id, 'editor', { userId: 'u-rem' });
    const deletedWatcher = await client(id, 'editor', { userId: 'u-stay' });
    await Promise.all([revoked, removed, deletedWatcher].map((c) => waitSynced(c)));
    await bus.publishEvent({ type: 'session-revoked', sessionId: 'sess-rev' });
    await waitFor(() => revoked.closes.includes(CloseCode.unauthorized), { what: '4401' });
    await bus.publishEvent({ type: 'member-removed', documentId: id, userId: 'u-rem' });
    await waitFor(() => removed.closes.includes(CloseCode.forbidden), { what: '4403' });
    expect(deletedWatcher.closes).toEqual([]);
    await bus.publishEvent({ type: 'document-deleted', documentId: id });
    await waitFor(() => deletedWatcher.closes.includes(CloseCode.notFound), { what: '4404' });
  });

  // SPEC 5
  it('a role change to viewer takes effect on the open socket', async () => {
    const id = docId();
    const [owner, demoted] = [await client(id, 'owner'), await client(id, 'editor', { userId: 'u-demoted' })];
    await Promise.all([waitSynced(owner), waitSynced(demoted)]);
    // The runtime's listener was registered first, so once ours has the event, the socket's role has changed.
    const delivered = new Promise<void>((resolve) => bus.onEvent((event) => event.type === 'member-role-changed' && resolve()));
    await bus.publishEvent({ type: 'member-role-changed', documentId: id, userId: 'u-demoted', role: 'viewer' });
    await delivered;
    demoted.text.insert(0, 'sneaky');
    owner.text.insert(0, 'owner');
    await waitFor(() => demoted.text.toString().includes('owner'), { what: 'owner edit at demoted' });
    expect(owner.text.toString()).toBe('owner');
  });

  // SPEC 14
  it('unloads a room when its last client leaves, after compacting it', async () => {
    const id = docId();
    const a = await client(id);
    await waitSynced(a);
    a.text.insert(0, 'bye');
    await waitFor(() => server.runtime.stats().rooms === 1, { what: 'room loaded' });
    a.destroy();
    await waitFor(() => server.runtime.stats().rooms === 0, { what: 'room unloaded' });
    const latest = await store.latest(id);
    expect(latest && textOfState(latest.data)).toBe('bye');
  });

  // SPEC 12: a log left by a dead instance, for a document nobody opens again.
  it('sweeps logs no room holds into snapshots', async () => {
    const sweeping = await startSyncServer({ bus, store, sweepIntervalMs: 50 });
    try {
      const id = docId();
      await bus.appendUpdate(id, stateOfText('left behind by a dead instance'), 'sync-dead');
      await waitFor(async () => {
        const latest = await store.latest(id);
        return latest && textOfState(latest.data) === 'left behind by a dead instance';
      }, { what: 'swept snapshot' });
    } finally {
      await sweeping.close();
    }
  });

  // SPEC 6: the web client treats the answer to a sync step 1 as an acknowledgement of its earlier updates.
  it("answers a sync step 1 only after the socket's earlier updates are in the log", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowBus: DocumentBus = { ...bus, appendUpdate: async (...args) => (await gate, bus.appendUpdate(...args)) };
    const slow = await startSyncServer({ bus: slowBus, store });
    try {
      const id = docId();
      const { socket, received: replies } = await rawSocket(slow.url, id, await documentToken(id));
      await waitFor(() => replies.length > 0, { what: 'server step 1' });
      const edit = new Y.Doc();
      edit.getText('content').insert(0, 'acked?');
      socket.send(encodeUpdate(Y.encodeStateAsUpdate(edit)));
      socket.send(encodeSyncStep1(new Uint8Array([0])));
      const before = replies.length;
      await new Promise((resolve) => setTimeout(resolve, 100)); // the append is held: no answer may come
      expect(replies.map((r) => [...r.subarray(0, 3)])).toEqual(replies.slice(0, before).map((r) => [...r.subarray(0, 3)]));
      release();
      await waitFor(() => replies.length > before, { what: 'step 2 after the append' });
      expect(await storedText(bus, store, id)).toBe('acked?');
      socket.close();
    } finally {
      await slow.close();
    }
  });

  it('serves health with rooms and connections', async () => {
    const id = docId();
    const a = await client(id);
    await waitSynced(a);
    const response = await fetch(`${server.url.replace('ws', 'http')}/socket/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', rooms: 1, connections: 1 });
    const metrics = await (await fetch(`${server.url.replace('ws', 'http')}/socket/metrics`)).text();
    expect(metrics).toContain('codesync_sync_connections 1');
  });

  it('merges offline edits made by two clients when they reconnect', async () => {
    const id = docId();
    const [a, b] = [await client(id), await client(id)];
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.text.insert(0, 'base ');
    await waitAllText([a, b], 'base ');
    a.provider.disconnect();
    b.provider.disconnect();
    a.text.insert(5, 'A');
    b.text.insert(5, 'B');
    a.provider.connect();
    b.provider.connect();
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 7, { what: 'merge' });
    expect(new Set(a.text.toString())).toEqual(new Set('base AB'));
  });

  it('applies a restore appended to the log by another process (the API) to live clients', async () => {
    const id = docId();
    const a = await client(id);
    await waitSynced(a);
    a.text.insert(0, 'current');
    await waitAllText([a], 'current');
    const api = new Y.Doc();
    Y.applyUpdate(api, Y.encodeStateAsUpdate(a.doc));
    const before = Y.encodeStateVector(api);
    api.getText('content').delete(0, 7);
    api.getText('content').insert(0, 'restored');
    await bus.appendUpdate(id, Y.encodeStateAsUpdate(api, before), 'api:test');
    await waitAllText([a], 'restored');
  });
});
