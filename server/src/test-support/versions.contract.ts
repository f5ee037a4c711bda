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
        const name = await h.request('PATCH', `/api/documents/${doc.id}/versions/${id}`, { token: ada.accessToken, json: { name: 'x' } });
        expect(name.status).toBe(404);
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

    it('names a version, lists the name, renames it and clears it with null or an empty name', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { doc, versions } = await documentWithHistory(h, ada);
      const path = `/api/documents/${doc.id}/versions/${versions[1]!.id}`;
      const named = await h.request<{ version: VersionDto }>('PATCH', path, { token: ada.accessToken, json: { name: '  v1 — first draft  ' } });
      expect(named.status).toBe(200);
      expect(named.body.version).toEqual({ ...versions[1], name: 'v1 — first draft' });
      const listed = async () =>
        (await h.request<{ versions: VersionDto[] }>('GET', `/api/documents/${doc.id}/versions`, { token: ada.accessToken })).body.versions;
      expect((await listed()).map((v) => v.name)).toEqual([null, 'v1 — first draft']);
      const read = await h.request<VersionContentDto>('GET', path, { token: ada.accessToken });
      expect(read.body.version.name).toBe('v1 — first draft');
      await h.request('PATCH', path, { token: ada.accessToken, json: { name: 'x'.repeat(100) } });
      expect((await listed())[1]!.name).toBe('x'.repeat(100));
      for (const cleared of [null, '   ']) {
        await h.request('PATCH', path, { token: ada.accessToken, json: { name: 'again' } });
        const clear = await h.request<{ version: VersionDto }>('PATCH', path, { token: ada.accessToken, json: { name: cleared } });
        expect(clear.status).toBe(200);
        expect(clear.body.version.name).toBeNull();
        expect((await listed()).map((v) => v.name)).toEqual([null, null]);
      }
    });

    it('refuses a version name that is too long, not a string, has control characters or comes with other fields', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { doc, versions } = await documentWithHistory(h, ada);
      const path = `/api/documents/${doc.id}/versions/${versions[0]!.id}`;
      const bodies = [{ name: 'x'.repeat(101) }, { name: 7 }, { name: 'a\u0000b' }, { name: 'line\nbreak' }, {}, { name: 'ok', extra: 1 }, []];
      for (const json of bodies) {
        const response = await h.request('PATCH', path, { token: ada.accessToken, json });
        expect(response.status, JSON.stringify(json)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
      const raw = await h.request('PATCH', path, { token: ada.accessToken, raw: 'not json', headers: { 'content-type': 'application/json' } });
      expect(raw.status).toBe(400);
      expect((await h.store.list(doc.id)).every((v) => v.name === null)).toBe(true);
    });

    it('opens a document whose newest snapshot is unreadable at the version before, and keeps the bad one listed', async () => {
      // A truncated write used to become the document's base: every read of the document threw.
      const h = harness();
      const ada = await h.signUp();
      const { doc } = await documentWithHistory(h, ada);
      const bad = await h.store.save(doc.id, new Uint8Array([0, 1, 2, 3, 4]));
      const content = await h.request('GET', `/api/documents/${doc.id}/content`, { token: ada.accessToken });
      expect(content.text).toBe('second: first draft');
      const versions = await h.request<{ versions: VersionDto[] }>('GET', `/api/documents/${doc.id}/versions`, { token: ada.accessToken });
      expect(versions.body.versions[0]!.id).toBe(bad.id);
      const read = await h.request('GET', `/api/documents/${doc.id}/versions/${bad.id}`, { token: ada.accessToken });
      expect(read.status).toBe(422);
      expect(read.body.error.code).toBe('version_unreadable');
    });
  });
}
