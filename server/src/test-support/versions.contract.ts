import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { DocumentDto, RestoreResultDto, VersionContentDto, VersionDto } from '@codesync/protocol';
import { SHARED_TEXT } from '@codesync/protocol';
import { waitFor } from '@codesync/testing';
import type { ApiHarness, TestUser } from './api-harness.js';

/** A document with two saved versions, as the compactor would leave it. */
async function documentWithHistory(h: ApiHarness, owner: TestUser): Promise<{ doc: DocumentDto; versions: VersionDto[] }> {
  const doc = await h.createDocument(owner, { content: 'first draft' });
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, (await h.store.latest(doc.id))!.data);
  ydoc.getText(SHARED_TEXT).insert(0, 'second: ');
  await h.store.save(doc.id, Y.encodeStateAsUpdate(ydoc));
  const versions = await h.request<{ versions: VersionDto[] }>('GET', `/api/documents/${doc.id}/versions`, {
    token: owner.accessToken,
  });
  return { doc, versions: versions.body.versions };
}

export function describeVersionsContract(harness: () => ApiHarness): void {
  describe('versions', () => {
    it('lists saved versions newest first and reads each one', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { doc, versions } = await documentWithHistory(h, ada);
      expect(versions).toHaveLength(2);
      expect(versions[0]!.id > versions[1]!.id).toBe(true);
      const texts = [];
      for (const version of versions) {
        const read = await h.request<VersionContentDto>('GET', `/api/documents/${doc.id}/versions/${version.id}`, {
          token: ada.accessToken,
        });
        expect(read.status).toBe(200);
        expect(read.body.version).toEqual(version);
        texts.push(read.body.text);
      }
      expect(texts).toEqual(['second: first draft', 'first draft']);
    });

    it('answers 404 for a version that does not exist or is not a version id', async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada, { content: 'x' });
      for (const id of ['0000000000001-deadbeef', '..%2F..%2Fetc', 'latest']) {
        const read = await h.request('GET', `/api/documents/${doc.id}/versions/${id}`, { token: ada.accessToken });
        expect(read.status).toBe(404);
        const restore = await h.request('POST', `/api/documents/${doc.id}/versions/${id}/restore`, { token: ada.accessToken });
        expect(restore.status).toBe(404);
      }
    });

    it('restores a version as one CRDT edit appended to the log live clients read', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { doc, versions } = await documentWithHistory(h, ada);
      // A live client holding the current state, as the sync service's room does.
      const client = new Y.Doc();
      Y.applyUpdate(client, (await h.store.latest(doc.id))!.data);
      const received: Uint8Array[] = [];
      const subscription = h.bus.subscribe(doc.id, '0', (_id, entries) => received.push(...entries.map((e) => e.data)));
      const restored = await h.request<RestoreResultDto>(
        'POST',
        `/api/documents/${doc.id}/versions/${versions[1]!.id}/restore`,
        { token: ada.accessToken },
      );
      expect(restored.status).toBe(200);
      expect(restored.body.text).toBe('first draft');
      expect(restored.body.document.id).toBe(doc.id);
      const entries = await h.bus.readUpdates(doc.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.origin).toMatch(/^api:/);
      await waitFor(() => received.length === 1, { what: 'the restore delivered to a subscriber' });
      Y.applyUpdate(client, received[0]!);
      expect(client.getText(SHARED_TEXT).toString()).toBe('first draft');
      const content = await h.request('GET', `/api/documents/${doc.id}/content`, { token: ada.accessToken });
      expect(content.text).toBe('first draft');
      subscription.unsubscribe();
      // Restoring the text that is already current changes nothing.
      await h.request('POST', `/api/documents/${doc.id}/versions/${versions[1]!.id}/restore`, { token: ada.accessToken });
      expect(await h.bus.readUpdates(doc.id)).toHaveLength(1);
    });
  });
}
