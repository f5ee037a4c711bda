import { createMemoryBus } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import { createMemorySnapshotStore } from '@codesync/storage';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, documentToken, rawSocket, startSyncServer, storedText, waitSynced, type TestSyncServer } from '../test/harness.js';
import { encodeSyncStep2, encodeUpdate } from './messages.js';

// Found by the fault suite's socket fuzzer (faults/src/socket-fuzz.integration.test.ts):
// an update that Y.decodeUpdate accepts but Y.applyUpdate throws on (here, an item
// whose origin points into its own missing range) was appended to the log before it
// was applied. Every later cold load and compaction then threw on that entry, so the
// document could never be opened again (1011 for every client). It must be refused
// before it reaches the log.
const POISON = Uint8Array.from([
  1, 3, 166, 153, 199, 46, 0, 1, 1, 7, 99, 111, 110, 116, 101, 110, 116, 1, 132, 166, 153, 199, 46, 2, 3, 32, 32, 32, 40, 1,
  4, 109, 101, 116, 97, 1, 107, 1, 125, 1, 1, 166, 153, 199, 46, 1, 0, 1,
]);

describe('an update that decodes but cannot be applied', () => {
  let server: TestSyncServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('is refused with 4400 and never reaches the log, so the document still opens', async () => {
    expect(() => Y.decodeUpdate(POISON)).not.toThrow();
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    server = await startSyncServer({ bus, store });
    const id = 'doc-poison';
    for (const frame of [encodeSyncStep2(POISON), encodeUpdate(POISON)]) {
      const { socket, closed } = await rawSocket(server.url, id, await documentToken(id));
      socket.send(frame);
      expect(await closed).toBe(CloseCode.malformed);
    }
    expect(await bus.updateCount(id)).toBe(0);
    await expect(storedText(bus, store, id)).resolves.toBe('');
    const next = connectClient(server.url, id, await documentToken(id));
    try {
      await waitSynced(next);
      next.text.insert(0, 'still opens');
      expect(next.closes).toEqual([]);
    } finally {
      next.destroy();
    }
  });
});
