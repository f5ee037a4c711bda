import { createMemoryBus } from '@codesync/bus';
import { CloseCode, defaultContentLimits, DOCUMENT_TEXT_LIMIT_BYTES } from '@codesync/protocol';
import { createMemorySnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, documentToken, rawSocket, startSyncServer, storedText, waitSynced, type TestSyncServer } from '../test/harness.js';
import { createStateSize, defaultSyncLimits, textFits } from './limits.js';
import { encodeUpdate, MessageType } from './messages.js';
import type { SyncLimits } from './limits.js';

// Issue 12, "Nothing limits size": a 12 MiB document arrived through one socket frame,
// a 4 MiB awareness state was relayed to every client (SPEC 21).
let server: TestSyncServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(limits: Partial<SyncLimits>) {
  const bus = createMemoryBus();
  const store = createMemorySnapshotStore();
  server = await startSyncServer({ bus, store, limits });
  return { bus, store, server };
}

function insertion(text: string, clientID = new Y.Doc().clientID): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getText('content').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('limits (SPEC 21)', () => {
  it('takes its content defaults from @codesync/protocol, the numbers the web app checks against', () => {
    expect(defaultSyncLimits.documentTextBytes).toBe(DOCUMENT_TEXT_LIMIT_BYTES);
    expect(defaultSyncLimits).toMatchObject(defaultContentLimits);
  });

  it('bounds a text’s UTF-8 size cheaply and measures it only near the limit', () => {
    expect(textFits({ length: 10, toString: () => { throw new Error('not measured'); } }, 5, 100)).toBe(true);
    expect(textFits({ length: 40, toString: () => 'é'.repeat(40) }, 10, 100)).toBe(true);
    expect(textFits({ length: 40, toString: () => '€'.repeat(40) }, 10, 100)).toBe(false);
  });

  it('bounds a room’s state size by what it applied and encodes it only when the bound is not enough', () => {
    let exact = 1_000;
    let measured = 0;
    const size = createStateSize(() => {
      measured += 1;
      return exact;
    }, 10_000);
    // The bound (10,000) lets a small update pass without measuring.
    expect(size.fits(100, 20_000)).toBe(true);
    expect(measured).toBe(0);
    // Past the bound it measures: 1,000 + 15,000 fits.
    expect(size.fits(15_000, 20_000)).toBe(true);
    expect(measured).toBe(1);
    size.grew(15_000);
    exact = 16_000;
    expect(size.fits(4_000, 20_000)).toBe(true);
    expect(measured).toBe(1);
    expect(size.fits(4_001, 20_000)).toBe(false);
    expect(measured).toBe(2);
    // A save measured it smaller (deleted content collected): the bound follows.
    size.measured(2_000);
    expect(size.fits(17_000, 20_000)).toBe(true);
    expect(measured).toBe(2);
  });

  it('refuses content the text limit does not see (another shared type) once the Yjs state would pass its limit, with 4413', async () => {
    const { bus, store, server } = await start({ documentStateBytes: 4096 });
    const id = 'doc-state-grows';
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    const hostile = new Y.Doc();
    const sent: Uint8Array[] = [];
    hostile.on('update', (update: Uint8Array) => sent.push(update));
    // Under the state limit: stored. The text stays empty, so the text limit never counts it.
    hostile.getMap('junk').set('a', 'x'.repeat(1500));
    socket.send(encodeUpdate(sent[0]!));
    await waitFor(async () => (await bus.updateCount(id)) === 1, { what: 'the first value stored' });
    hostile.getMap('junk').set('b', 'y'.repeat(3000));
    socket.send(encodeUpdate(sent[1]!));
    expect(await closed).toBe(CloseCode.tooLarge);
    expect(await bus.updateCount(id)).toBe(1);
    expect(await storedText(bus, store, id)).toBe('');
  });

  it('refuses an update over the update limit with 4413: nothing stored, the document as it was', async () => {
    const { bus, store, server } = await start({ updateBytes: 1024 });
    const id = 'doc-big-update';
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    socket.send(encodeUpdate(insertion('x'.repeat(4096))));
    expect(await closed).toBe(CloseCode.tooLarge);
    expect(await bus.updateCount(id)).toBe(0);
    expect(await storedText(bus, store, id)).toBe('');
  });

  it('refuses the update that would take the text past the document limit with 4413, keeping what came before', async () => {
    const { bus, store, server } = await start({ documentTextBytes: 100 });
    const id = 'doc-grows';
    const editor = connectClient(server.url, id, await documentToken(id));
    try {
      await waitSynced(editor);
      editor.text.insert(0, 'a'.repeat(60));
      await waitFor(async () => (await storedText(bus, store, id)).length === 60, { what: 'first part stored' });
      editor.text.insert(60, 'b'.repeat(60));
      await waitFor(() => editor.closes.includes(CloseCode.tooLarge), { what: '4413' });
      expect(await storedText(bus, store, id)).toBe('a'.repeat(60));
    } finally {
      editor.destroy();
    }
  });

  it('judges a burst of updates as a whole: updates still being appended count against the text limit (each alone fits, together they do not)', async () => {
    const bus = createMemoryBus();
    // Appends take a while, as on Redis or the embedded log: the burst's updates are all admitted before the first is applied.
    const appendUpdate = bus.appendUpdate.bind(bus);
    bus.appendUpdate = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return appendUpdate(...args);
    };
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store, limits: { documentTextBytes: 100 } });
    const id = 'doc-burst';
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    for (const letter of ['a', 'b', 'c']) writer.getText('content').insert(writer.getText('content').length, letter.repeat(60));
    for (const update of updates) socket.send(encodeUpdate(update));
    expect(await closed).toBe(CloseCode.tooLarge);
    await waitFor(async () => (await storedText(bus, store, id)) === 'a'.repeat(60), { what: 'only the first part stored' });
    expect(await bus.updateCount(id)).toBe(1);
  });

  it('closes a socket that sends more messages than its rate with 4429', async () => {
    const { server } = await start({ messagesPerSecond: 1, messageBurst: 5 });
    const id = 'doc-flood';
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    for (let i = 0; i < 50; i++) socket.send(Uint8Array.of(MessageType.queryAwareness));
    expect(await closed).toBe(CloseCode.rateLimited);
  });

  it('closes a user’s sockets past the per-user limit on one instance with 4429', async () => {
    const { server } = await start({ socketsPerUser: 2 });
    const id = 'doc-sockets';
    const token = await documentToken(id, 'editor', { userId: 'many-tabs' });
    const first = await rawSocket(server.url, id, token);
    const second = await rawSocket(server.url, id, token);
    const third = await rawSocket(server.url, id, token);
    expect(await third.closed).toBe(CloseCode.rateLimited);
    first.socket.close();
    await first.closed;
    // Once one leaves, the user may open another: it is welcomed into the room (a sync step 1 arrives).
    const again = await rawSocket(server.url, id, token);
    await waitFor(() => again.received.length > 0, { what: 'the freed place welcomed' });
    again.socket.close();
    second.socket.close();
  });

  it('refuses new updates with 1013 once saving keeps failing and the log holds its cap, instead of filling it', async () => {
    const bus = createMemoryBus();
    const inner = createMemorySnapshotStore();
    const store = { ...inner, save: () => Promise.reject(new Error('storage down')) };
    server = await startSyncServer({ bus, store, limits: { logEntries: 5 }, compaction: { debounceMs: 10, maxDelayMs: 20 } });
    const id = 'doc-log-full';
    const editor = connectClient(server.url, id, await documentToken(id));
    try {
      await waitSynced(editor);
      // Typed until refused: the log stops growing a few entries past the cap.
      for (let i = 0; i < 200 && !editor.closes.includes(CloseCode.tryAgainLater); i++) {
        editor.text.insert(editor.text.length, String(i % 10));
        await waitFor(async () => editor.closes.length > 0 || (await bus.updateCount(id)) > i, { what: 'the keystroke stored or refused' });
      }
      expect(editor.closes).toContain(CloseCode.tryAgainLater);
      expect(await bus.updateCount(id)).toBeLessThan(20);
    } finally {
      editor.destroy();
    }
  });

  // Broadcasts are written to the wire directly (frames.ts): what a reader leaves unread still counts.
  it('cuts off a client that stops reading with 1013; the writer and a reading client keep every edit', async () => {
    const { server } = await start({ queueBytes: 256 * 1024 });
    const id = 'doc-slow-reader';
    const [writer, reader] = [connectClient(server.url, id, await documentToken(id)), connectClient(server.url, id, await documentToken(id))];
    const stalled = await rawSocket(server.url, id, await documentToken(id, 'viewer'));
    try {
      await Promise.all([waitSynced(writer), waitSynced(reader)]);
      stalled.socket.pause(); // reads nothing more: the server's queue to it grows
      const chunk = 'z'.repeat(200 * 1024);
      // 40 × 200 KB pass the kernel's socket buffers and the 256 KB cap; each is deleted again, so the text stays small.
      for (let i = 0; i < 40; i++) {
        writer.text.insert(0, chunk);
        writer.text.delete(0, chunk.length);
      }
      writer.text.insert(0, 'still here');
      await waitFor(() => reader.text.toString() === 'still here', { what: 'the last edit at the reader' });
      // Reading again, it finds the close (after what was queued before it).
      stalled.socket.resume();
      expect(await stalled.closed).toBe(CloseCode.tryAgainLater);
      expect(writer.closes).toEqual([]);
    } finally {
      writer.destroy();
      reader.destroy();
      stalled.socket.terminate();
    }
  });

  it('cuts a frame over the transport cap with 1009', async () => {
    const { server } = await start({ frameBytes: 1024 });
    const id = 'doc-frame';
    const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
    socket.send(encodeUpdate(insertion('y'.repeat(2048))));
    expect(await closed).toBe(CloseCode.messageTooBig);
  });
});
