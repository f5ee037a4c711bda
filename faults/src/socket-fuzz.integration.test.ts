import { randomUUID } from 'node:crypto';
import { createRedisBus, type DocumentBus } from '@codesync/bus';
import { createMemorySnapshotStore } from '@codesync/storage';
import { deleteRedisPrefix, describeWithRedis, testLogger, testRedisPrefix, testServices, waitFor } from '@codesync/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEditor, openRawSocket, waitSynced, type Editor, type RawSocket } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { emptyStep1, malformedSequence, noisyEnvelope, validSession, type Frame } from '../test/frame-arbitraries.js';
import { scale } from '../test/scale.js';
import { storedText, textUpdate } from '../test/stored.js';
import { documentToken, startSyncOnly, type SyncOnlyServer } from '../test/sync-server.js';

const MAX_MESSAGE_BYTES = 64 * 1024;
const SEED_TEXT = 'seeded before the fuzzer: must survive';

// Malformed and out-of-order y-websocket traffic against a real sync runtime on
// Redis: no crash, a clear close code for bad frames, no stored change from
// them, and a bystander room that never notices.
describeWithRedis('fuzzing the sync socket', () => {
  const prefix = testRedisPrefix();
  const store = createMemorySnapshotStore();
  let bus: DocumentBus;
  let server: SyncOnlyServer;
  const bystanders: Editor[] = [];
  const fuzzedDocuments: string[] = [];
  let cases = 0;

  beforeAll(async () => {
    bus = createRedisBus({ url: testServices.redisUrl!, keyPrefix: prefix, logger: testLogger() });
    server = await startSyncOnly({ bus, store, maxMessageBytes: MAX_MESSAGE_BYTES, compaction: { debounceMs: 50, maxDelayMs: 200 } });
    const room = `bystander-${randomUUID()}`;
    for (let i = 0; i < 2; i++) bystanders.push(connectEditor(server.wsUrl, room, await documentToken(room)));
    await waitSynced(bystanders);
  });

  afterAll(async () => {
    for (const editor of bystanders) editor.destroy();
    await server?.close();
    await bus?.close();
    await deleteRedisPrefix(prefix);
    recordFigure('socket-fuzz', { cases });
  });

  async function seededDocument(): Promise<string> {
    const documentId = `fuzz-${randomUUID()}`;
    await bus.appendUpdate(documentId, textUpdate(SEED_TEXT), 'seed');
    fuzzedDocuments.push(documentId);
    return documentId;
  }

  function send(raw: RawSocket, frames: Frame[]): void {
    for (const frame of frames) {
      if (!raw.isOpen()) return;
      raw.socket.send(frame.binary ? frame.bytes : frame.text, { binary: frame.binary });
    }
  }

  /** Sends sync step 1 and waits for the answer: every frame before it has been read. */
  async function roundTrip(raw: RawSocket): Promise<void> {
    if (!raw.isOpen()) return;
    const answered = new Promise<void>((resolve) => raw.socket.once('message', () => resolve()));
    raw.socket.send(emptyStep1(), { binary: true });
    await Promise.race([answered, raw.closed]);
  }

  async function bystandersStillEdit(): Promise<void> {
    const [a, b] = bystanders as [Editor, Editor];
    const mark = `<${cases}>`;
    a.text.insert(a.text.length, mark);
    await waitFor(() => b.text.toString().includes(mark), { what: 'bystander room still syncing' });
    expect([...a.closes, ...b.closes]).toEqual([]);
  }

  it('closes every malformed frame with 4400 or 1009 and stores nothing from it', async () => {
    await fc.assert(
      fc.asyncProperty(malformedSequence(MAX_MESSAGE_BYTES), async (frames) => {
        cases += 1;
        const documentId = await seededDocument();
        const before = await bus.updateCount(documentId);
        const raw = await openRawSocket(server.wsUrl, documentId, await documentToken(documentId));
        send(raw, frames);
        const code = await raw.closed;
        expect([4400, 1009]).toContain(code);
        expect(await bus.updateCount(documentId)).toBe(before);
        expect(await storedText(bus, store, documentId)).toBe(SEED_TEXT);
      }),
      { numRuns: scale.socketFuzzRuns },
    );
    await bystandersStillEdit();
  }, scale.testTimeoutMs);

  // Noise that decodes may be a legal (if odd) edit; what must hold is that the
  // document still loads and a new client reads exactly what storage holds.
  it('survives noise inside well-formed envelopes: the document still loads, and clients read what is stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(noisyEnvelope, { minLength: 1, maxLength: 4 }), async (frames) => {
        cases += 1;
        const documentId = await seededDocument();
        const raw = await openRawSocket(server.wsUrl, documentId, await documentToken(documentId));
        send(raw, frames);
        await roundTrip(raw);
        raw.socket.close();
        const code = await raw.closed;
        expect([1000, 1005, 4400]).toContain(code);
        // The room unloads (compacting what it took in); then a cold load, as the next client gets it.
        await waitFor(() => server.runtime.stats().rooms === 1, { what: 'fuzzed room unloaded (the bystander room stays)' });
        const stored = await storedText(bus, store, documentId);
        const reader = connectEditor(server.wsUrl, documentId, await documentToken(documentId, 'viewer'));
        try {
          await waitSynced([reader], 5000);
          expect(reader.text.toString()).toBe(stored);
        } finally {
          reader.destroy();
        }
      }),
      { numRuns: scale.socketFuzzRuns },
    );
    await bystandersStillEdit();
  }, scale.testTimeoutMs);

  it('merges valid messages sent in any order and never closes the socket for them', async () => {
    await fc.assert(
      fc.asyncProperty(validSession, async ({ frames, expectedText }) => {
        cases += 1;
        const documentId = `fuzz-valid-${randomUUID()}`;
        fuzzedDocuments.push(documentId);
        const raw = await openRawSocket(server.wsUrl, documentId, await documentToken(documentId));
        send(raw, frames);
        await roundTrip(raw);
        await waitFor(async () => (await storedText(bus, store, documentId)) === expectedText, {
          what: 'stored text to equal the merged sessions',
        });
        expect(raw.isOpen()).toBe(true);
        raw.socket.close();
        await raw.closed;
      }),
      { numRuns: Math.ceil(scale.socketFuzzRuns / 3) },
    );
    await bystandersStillEdit();
  }, scale.testTimeoutMs);

  it('leaves every fuzzed document loadable by a real client, and the process healthy', async () => {
    await waitFor(() => server.runtime.stats().rooms === 1, { what: 'fuzzed rooms unloaded' });
    const sample = fuzzedDocuments.filter((_, i) => i % 25 === 0);
    for (const documentId of sample) {
      const editor = connectEditor(server.wsUrl, documentId, await documentToken(documentId, 'viewer'));
      try {
        await waitSynced([editor]);
        expect(editor.text.toString()).toBe(await storedText(bus, store, documentId));
      } finally {
        editor.destroy();
      }
    }
    const health = await fetch(`${server.url}/socket/health`);
    expect(health.status).toBe(200);
  }, scale.testTimeoutMs);
});
