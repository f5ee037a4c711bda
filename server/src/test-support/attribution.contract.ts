import type { AttributionDto } from '@codesync/protocol';
import { SHARED_TEXT } from '@codesync/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiHarness, TestUser } from './api-harness.js';

/** Appends an edit as the sync service would after binding the writer's client id to its user (sync/SPEC.md 19). */
async function typeAs(h: ApiHarness, documentId: string, writer: TestUser, replica: Y.Doc, edit: (text: Y.Text) => void): Promise<void> {
  const before = Y.encodeStateVector(replica);
  const first = Y.getState(replica.store, replica.clientID);
  edit(replica.getText(SHARED_TEXT));
  const last = Y.getState(replica.store, replica.clientID) - 1;
  await h.bus.bindClients(documentId, writer.user.id, new Map([[replica.clientID, { first, last }]]));
  await h.bus.appendUpdate(documentId, Y.encodeStateAsUpdate(replica, before), 'sync-test');
}

/** Runs `write` and returns the span of time it took, widened by the store's possible clock skew (Redis stamps times). */
async function timed(write: () => Promise<void>): Promise<{ from: number; to: number }> {
  const from = Date.now() - 1_000;
  await write();
  return { from, to: Date.now() + 1_000 };
}

const within = (window: { from: number; to: number }) => (at: unknown) =>
  typeof at === 'string' && Date.parse(at) >= window.from && Date.parse(at) <= window.to;

export function describeAttributionContract(harness: () => ApiHarness): void {
  describe('attribution', () => {
    it('names who wrote each line and when, with spans covering its text, for editors and viewers; text written before authors were recorded has none', async () => {
      const h = harness();
      const [ada, bob, cy] = [await h.signUp('Ada'), await h.signUp('Bob'), await h.signUp('Cy')];
      const doc = await h.createDocument(ada, { content: 'intro\n' });
      await h.share(ada, doc.id, bob, 'editor');
      await h.share(ada, doc.id, cy, 'viewer');
      // Two replicas that see each other's edits, as two browsers would.
      const adaDoc = new Y.Doc();
      const bobDoc = new Y.Doc();
      Y.applyUpdate(adaDoc, (await h.store.latest(doc.id))!.data);
      const adaWrote = await timed(() => typeAs(h, doc.id, ada, adaDoc, (t) => t.insert(t.length, 'const ada = 1;\n')));
      Y.applyUpdate(bobDoc, Y.encodeStateAsUpdate(adaDoc));
      const bobWrote = await timed(() => typeAs(h, doc.id, bob, bobDoc, (t) => t.insert(t.length, 'const bob = 2;')));
      Y.applyUpdate(adaDoc, Y.encodeStateAsUpdate(bobDoc));
      // Within a minute of her first edit: still her first checkpoint's time (times are kept to the minute).
      await typeAs(h, doc.id, ada, adaDoc, (t) => t.insert(t.toString().indexOf('2'), '1 + '));

      for (const reader of [ada, cy]) {
        const response = await h.request<AttributionDto>('GET', `/api/documents/${doc.id}/attribution`, { token: reader.accessToken });
        expect(response.status).toBe(200);
        const adaAt = expect.toSatisfy(within(adaWrote));
        const bobAt = expect.toSatisfy(within(bobWrote));
        expect(response.body.lines).toEqual([
          { line: 1, authors: [], spans: [{ from: 0, to: 5, userId: null, at: null }] },
          {
            line: 2,
            authors: [{ userId: ada.user.id, name: 'Ada', at: adaAt }],
            spans: [{ from: 0, to: 14, userId: ada.user.id, at: adaAt }],
          },
          {
            line: 3,
            authors: [
              { userId: bob.user.id, name: 'Bob', at: bobAt },
              { userId: ada.user.id, name: 'Ada', at: adaAt },
            ],
            // "const bob = 1 + 2;": the spans cover the line's text exactly.
            spans: [
              { from: 0, to: 12, userId: bob.user.id, at: bobAt },
              { from: 12, to: 16, userId: ada.user.id, at: adaAt },
              { from: 16, to: 18, userId: bob.user.id, at: bobAt },
            ],
          },
        ]);
      }
    });
  });
}
