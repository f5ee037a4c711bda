import { createMemoryBus } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import { createMemorySnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { futureOriginAttack, stringItem } from '../test/crafted-updates.js';
import { connectClient, documentToken, rawSocket, startSyncServer, storedText, waitAllText, waitSynced, type TestSyncServer } from '../test/harness.js';
import { encodeSyncStep1, encodeUpdate } from './messages.js';

// Issue 12, "One update destroys a document for good": an item at clock 3 whose left
// origin is (same client, clock 50) passed the old check (probed against an empty
// document, it waits as pending), was appended to the log, then threw in the room.
// After the room unloaded, the document never opened again.
describe('one update cannot destroy a document for good (SPEC 18)', () => {
  let server: TestSyncServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses an origin in the sender’s own future with 4400: nothing stored, the room carries on, the document reopens', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store });
    const id = 'doc-future-origin';
    const honest = connectClient(server.url, id, await documentToken(id));
    await waitSynced(honest);
    honest.text.insert(0, 'kept ');
    await waitFor(async () => (await storedText(bus, store, id)) === 'kept ', { what: 'honest edit stored' });

    const { honest: valid, attack } = futureOriginAttack();
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    socket.send(encodeUpdate(valid));
    socket.send(encodeUpdate(attack));
    expect(await closed).toBe(CloseCode.malformed);
    const logged = (await bus.readUpdates(id)).map((entry) => [...entry.data].join(','));
    expect(logged).not.toContain([...attack].join(','));

    honest.text.insert(honest.text.length, 'typing');
    await waitFor(async () => (await storedText(bus, store, id)).endsWith('typing'), { what: 'later edit stored' });
    expect(honest.closes).toEqual([]);
    const text = honest.text.toString();
    honest.destroy();
    await waitFor(() => server!.runtime.stats().rooms === 0, { what: 'room unloaded' });

    const reopened = connectClient(server.url, id, await documentToken(id));
    try {
      await waitAllText([reopened], text);
      expect(reopened.closes).toEqual([]);
    } finally {
      reopened.destroy();
    }
  });

  it('sets aside a bad entry already in the log and loads the rest (room load and background compaction)', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const client = new Y.Doc().clientID;
    const other = client + 1;
    const { honest: valid, attack } = futureOriginAttack(client);
    const seed = async (id: string) => {
      await bus.appendUpdate(id, valid, 'old-instance');
      await bus.appendUpdate(id, attack, 'old-instance');
      await bus.appendUpdate(id, stringItem(other, 0, 'xyz', null), 'old-instance');
    };
    const opened = 'doc-bad-entry-opened';
    const swept = 'doc-bad-entry-swept';
    await seed(opened);
    await seed(swept);
    server = await startSyncServer({ bus, store, sweepIntervalMs: 100 });

    const reader = connectClient(server.url, opened, await documentToken(opened));
    try {
      await waitSynced(reader);
      expect(reader.text.toString()).toMatch(/^(abcxyz|xyzabc)$/);
      reader.text.insert(0, '> ');
      await waitFor(async () => (await storedText(bus, store, opened)).startsWith('> '), { what: 'edit after the bad entry' });
    } finally {
      reader.destroy();
    }
    await waitFor(async () => (await store.latest(swept)) !== null, { what: 'swept log compacted' });
    for (const id of [opened, swept]) {
      const items = await bus.setAsideItems(id);
      expect(items.map((item) => [...item.data].join(','))).toEqual([[...attack].join(',')]);
    }
    expect(await storedText(bus, store, swept)).toMatch(/^(abcxyz|xyzabc)$/);
  });

  it('reloads a room whose document throws on an entry another instance appended, without that entry', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store });
    const id = 'doc-breaks-live';
    const editor = connectClient(server.url, id, await documentToken(id));
    try {
      await waitSynced(editor);
      editor.text.insert(0, 'hello ');
      await waitFor(async () => (await storedText(bus, store, id)) === 'hello ', { what: 'edit stored' });
      // What an older instance, which judged nothing, could have appended.
      const { honest: valid, attack } = futureOriginAttack();
      await bus.appendUpdate(id, valid, 'older-instance');
      await bus.appendUpdate(id, attack, 'older-instance');
      await waitFor(() => editor.closes.includes(CloseCode.serviceRestart), { what: 'sockets moved away (1012)' });
      await waitFor(() => editor.provider.synced && editor.text.toString().includes('abc'), { what: 'reconnected to the rebuilt room' });
      editor.text.insert(0, '> ');
      await waitFor(async () => (await storedText(bus, store, id)).startsWith('> '), { what: 'edits after the rebuild stored' });
      expect((await bus.setAsideItems(id)).map((item) => [...item.data].join(','))).toEqual([[...attack].join(',')]);
    } finally {
      editor.destroy();
    }
  });

  it('never sends a fresh joiner of a loading room an entry set aside earlier (the stored-state answer leaves it out)', async () => {
    const bus = createMemoryBus();
    const inner = createMemorySnapshotStore();
    // The snapshot read takes a while, so the joiner's sync step 1 waits and is answered from the stored state.
    const store = { ...inner, latest: async (...args: Parameters<typeof inner.latest>) => (await new Promise((resolve) => setTimeout(resolve, 300)), inner.latest(...args)) };
    const { honest: valid, attack } = futureOriginAttack();
    const id = 'doc-set-aside-joiner';
    await bus.appendUpdate(id, valid, 'old-instance');
    const bad = await bus.appendUpdate(id, attack, 'old-instance');
    // An earlier load set it aside; the log keeps it until a save trims it.
    await bus.setAside(id, { id: bad, reason: 'Unexpected case', at: Date.now(), data: attack });
    server = await startSyncServer({ bus, store });
    const { socket, received } = await rawSocket(server.url, id, await documentToken(id));
    socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => received.some((frame) => frame.includes(Buffer.from(valid))), { what: 'the stored state sent' });
    await waitFor(() => server!.runtime.stats().rooms === 1, { what: 'room loaded' });
    expect(received.some((frame) => frame.includes(Buffer.from(attack)))).toBe(false);
    socket.close();
  });
});

