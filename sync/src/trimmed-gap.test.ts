import { createMemoryBus, type DocumentBus, type TrimmedListener } from '@codesync/bus';
import { CloseCode, SHARED_TEXT } from '@codesync/protocol';
import { createMemorySnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { futureOriginAttack } from '../test/crafted-updates.js';
import { connectClient, documentToken, startSyncServer, waitSynced, type TestClient, type TestSyncServer } from '../test/harness.js';

describe('a room whose log was trimmed before it read it', () => {
  let server: TestSyncServer | undefined;
  let client: TestClient | undefined;
  afterEach(async () => {
    client?.destroy();
    await server?.close();
  });

  // The bus reports the gap (contract: "tells a subscriber whose position was trimmed away");
  // this is what the room does with the report.
  /** A memory bus that hands out each room's trim listener, to play the gap report. */
  function busTellingTrims(): { bus: DocumentBus; told: Map<string, TrimmedListener> } {
    const memory = createMemoryBus();
    const told = new Map<string, TrimmedListener>();
    const bus: DocumentBus = {
      ...memory,
      subscribe: (documentId, afterId, listener, onTrimmed) => {
        if (onTrimmed) told.set(documentId, onTrimmed);
        return memory.subscribe(documentId, afterId, listener, onTrimmed);
      },
    };
    return { bus, told };
  }

  it('a stalled reader gets the trimmed edits back from the newest snapshot', async () => {
    const { bus, told } = busTellingTrims();
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store });
    const documentId = 'doc-stalled-reader';
    client = connectClient(server.url, documentId, await documentToken(documentId));
    await waitSynced(client);
    client.text.insert(0, 'hello');
    // Another instance typed ' world', saved it and trimmed it from the log before this room read it.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(client.doc));
    elsewhere.getText(SHARED_TEXT).insert(5, ' world');
    await store.save(documentId, Y.encodeStateAsUpdate(elsewhere));
    await waitFor(() => told.get(documentId), { what: 'the room subscribed with a trim listener' })
      .then((onTrimmed) => onTrimmed(documentId));
    await waitFor(() => client!.text.toString() === 'hello world', { what: 'the trimmed edit on the client' });
    expect(client.text.toString()).toBe('hello world');
  });

  // SPEC 18: a document that threw halfway may be half-applied; the snapshot merged
  // after a gap is held to that as much as a log entry is.
  it('a stalled reader whose newest snapshot throws in the room moves its sockets away (1012), not serving a half-applied document', async () => {
    const { bus, told } = busTellingTrims();
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store });
    const documentId = 'doc-stalled-reader-bad-snapshot';
    client = connectClient(server.url, documentId, await documentToken(documentId));
    await waitSynced(client);
    const { honest, attack } = futureOriginAttack();
    await bus.appendUpdate(documentId, honest, 'older-instance');
    await waitFor(() => client!.text.toString() === 'abc', { what: 'the honest entry on the client' });
    // What an instance that judged nothing could have saved: it throws on top of 'abc'.
    await store.save(documentId, attack);
    await waitFor(() => told.get(documentId), { what: 'the room subscribed with a trim listener' })
      .then((onTrimmed) => onTrimmed(documentId));
    await waitFor(() => client!.closes.includes(CloseCode.serviceRestart), { what: 'sockets moved away (1012)' });
    expect(client.closes).toContain(CloseCode.serviceRestart);
  });
});
