import type { AttributionDto } from '@codesync/protocol';
import { SHARED_TEXT } from '@codesync/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiHarness, TestUser } from './api-harness.js';

/** Appends an edit as the sync service would after binding the writer's client id to its user (sync/SPEC.md 19). */
async function typeAs(h: ApiHarness, documentId: string, writer: TestUser, replica: Y.Doc, edit: (text: Y.Text) => void): Promise<void> {
  const before = Y.encodeStateVector(replica);
  edit(replica.getText(SHARED_TEXT));
  const clock = Y.getState(replica.store, replica.clientID) - 1;
  await h.bus.bindClients(documentId, writer.user.id, new Map([[replica.clientID, clock]]));
  await h.bus.appendUpdate(documentId, Y.encodeStateAsUpdate(replica, before), 'sync-test');
}

export function describeAttributionContract(harness: () => ApiHarness): void {
  describe('attribution', () => {
    it('names who wrote each line, for editors and viewers; lines written before authors were recorded have none', async () => {
      const h = harness();
      const [ada, bob, cy] = [await h.signUp('Ada'), await h.signUp('Bob'), await h.signUp('Cy')];
      const doc = await h.createDocument(ada, { content: 'intro\n' });
      await h.share(ada, doc.id, bob, 'editor');
      await h.share(ada, doc.id, cy, 'viewer');
      // Two replicas that see each other's edits, as two browsers would.
      const adaDoc = new Y.Doc();
      const bobDoc = new Y.Doc();
      Y.applyUpdate(adaDoc, (await h.store.latest(doc.id))!.data);
      await typeAs(h, doc.id, ada, adaDoc, (t) => t.insert(t.length, 'const ada = 1;\n'));
      Y.applyUpdate(bobDoc, Y.encodeStateAsUpdate(adaDoc));
      await typeAs(h, doc.id, bob, bobDoc, (t) => t.insert(t.length, 'const bob = 2;'));
      Y.applyUpdate(adaDoc, Y.encodeStateAsUpdate(bobDoc));
      await typeAs(h, doc.id, ada, adaDoc, (t) => t.insert(t.toString().indexOf('2'), '1 + '));

      for (const reader of [ada, cy]) {
        const response = await h.request<AttributionDto>('GET', `/api/documents/${doc.id}/attribution`, { token: reader.accessToken });
        expect(response.status).toBe(200);
        expect(response.body.lines).toEqual([
          { line: 1, authors: [] },
          { line: 2, authors: [{ userId: ada.user.id, name: 'Ada' }] },
          { line: 3, authors: [{ userId: bob.user.id, name: 'Bob' }, { userId: ada.user.id, name: 'Ada' }] },
        ]);
      }
    });
  });
}
