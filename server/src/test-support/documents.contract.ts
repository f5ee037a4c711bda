import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TokenError } from '@codesync/auth';
import { SHARED_TEXT, type DocumentDto, type SyncTokenDto } from '@codesync/protocol';
import { waitFor } from '@codesync/testing';
import type { ApiHarness } from './api-harness.js';

type One = { document: DocumentDto };
type Many = { documents: DocumentDto[] };

export function describeDocumentsContract(harness: () => ApiHarness): void {
  describe('documents', () => {
    it('creates a document whose initial content is its first snapshot', async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada, { title: 'hello.py', language: 'python', content: 'print("hi")\n' });
      expect(doc).toMatchObject({ title: 'hello.py', language: 'python', role: 'owner', ownerId: ada.user.id });
      expect(doc.sizeBytes).toBeGreaterThan(0);
      const versions = await h.store.list(doc.id);
      expect(versions).toHaveLength(1);
      const content = await h.request('GET', `/api/documents/${doc.id}/content`, { token: ada.accessToken });
      expect(content.status).toBe(200);
      expect(content.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(content.text).toBe('print("hi")\n');
    });

    it('creates an empty document with no snapshot, and reads it as empty text', async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada, { title: 'empty.md', language: 'markdown' });
      expect(await h.store.list(doc.id)).toEqual([]);
      const content = await h.request('GET', `/api/documents/${doc.id}/content`, { token: ada.accessToken });
      expect(content.text).toBe('');
    });

    it('merges updates not yet compacted into the content', async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada, { content: 'let a = 1;' });
      // What a client typing through the sync service leaves in the log.
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, (await h.store.latest(doc.id))!.data);
      const before = Y.encodeStateVector(ydoc);
      ydoc.getText(SHARED_TEXT).insert(10, '\nlet b = 2;');
      await h.bus.appendUpdate(doc.id, Y.encodeStateAsUpdate(ydoc, before), 'client-test');
      const content = await h.request('GET', `/api/documents/${doc.id}/content`, { token: ada.accessToken });
      expect(content.text).toBe('let a = 1;\nlet b = 2;');
    });

    it("lists the caller's documents with the caller's role, and no one else's", async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp(), await h.signUp()];
      const own = await h.createDocument(ada, { title: 'own' });
      const shared = await h.createDocument(bob, { title: 'shared' });
      await h.createDocument(bob, { title: 'private' });
      await h.share(bob, shared.id, ada, 'viewer');
      const list = await h.request<Many>('GET', '/api/documents', { token: ada.accessToken });
      expect(list.status).toBe(200);
      const summary = list.body.documents.map((d) => [d.title, d.role]).sort();
      expect(summary).toEqual([['own', 'owner'], ['shared', 'viewer']]);
      const one = await h.request<One>('GET', `/api/documents/${shared.id}`, { token: ada.accessToken });
      expect(one.body.document).toMatchObject({ id: shared.id, role: 'viewer', ownerId: bob.user.id });
      expect(own.role).toBe('owner');
    });

    it('renames and changes language', async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada);
      const patched = await h.request<One>('PATCH', `/api/documents/${doc.id}`, {
        token: ada.accessToken,
        json: { title: '  renamed.rs ', language: 'rust' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.document).toMatchObject({ title: 'renamed.rs', language: 'rust', role: 'owner' });
      const read = await h.request<One>('GET', `/api/documents/${doc.id}`, { token: ada.accessToken });
      expect(read.body.document.title).toBe('renamed.rs');
    });

    it('deletes metadata, log and snapshots, and tells the sync service', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp(), await h.signUp()];
      const doc = await h.createDocument(ada, { content: 'bye' });
      await h.share(ada, doc.id, bob, 'editor');
      await h.bus.appendUpdate(doc.id, new Uint8Array([0, 0]), 'client-test');
      expect((await h.request('DELETE', `/api/documents/${doc.id}`, { token: ada.accessToken })).status).toBe(204);
      expect((await h.request('GET', `/api/documents/${doc.id}`, { token: ada.accessToken })).status).toBe(404);
      expect((await h.request('GET', `/api/documents/${doc.id}`, { token: bob.accessToken })).status).toBe(404);
      expect(await h.store.list(doc.id)).toEqual([]);
      expect(await h.bus.readUpdates(doc.id)).toEqual([]);
      await waitFor(() => h.events.some((e) => e.type === 'document-deleted' && e.documentId === doc.id), {
        what: 'document-deleted event',
      });
    });

    it('issues a sync token the sync service can verify without a database', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const doc = await h.createDocument(ada);
      await h.share(ada, doc.id, bob, 'viewer');
      const response = await h.request<SyncTokenDto>('POST', `/api/documents/${doc.id}/sync-token`, { token: bob.accessToken });
      expect(response.status).toBe(200);
      expect(response.body.role).toBe('viewer');
      expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now());
      const claims = await h.runtime.tokens.verifyDocument(response.body.token);
      expect(claims).toMatchObject({ userId: bob.user.id, name: 'Bob', documentId: doc.id, role: 'viewer' });
      // An access token is not a document token, nor the reverse.
      await expect(h.runtime.tokens.verifyDocument(bob.accessToken)).rejects.toBeInstanceOf(TokenError);
      expect((await h.request('GET', '/api/users/me', { token: response.body.token })).status).toBe(401);
    });

    it("folds the compactor's snapshot events into size and update time, ignoring older ones", async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada, { content: 'x' });
      const later = new Date(Date.parse(doc.updatedAt) + 60_000).toISOString();
      const earlier = new Date(Date.parse(doc.updatedAt) + 30_000).toISOString();
      const saved = { type: 'snapshot-saved', documentId: doc.id, versionId: 'v', textLength: 1 } as const;
      await h.bus.publishEvent({ ...saved, sizeBytes: 4242, savedAt: later });
      await h.bus.publishEvent({ ...saved, sizeBytes: 1, savedAt: earlier });
      const read = async () =>
        (await h.request<One>('GET', `/api/documents/${doc.id}`, { token: ada.accessToken })).body.document;
      await waitFor(async () => (await read()).sizeBytes === 4242, { what: 'size from snapshot-saved' });
      // The older event, delivered after, must not win; events are applied in order, so once a
      // later event for another document shows, the older one has been processed.
      const sentinel = await h.createDocument(ada);
      await h.bus.publishEvent({ ...saved, documentId: sentinel.id, sizeBytes: 7, savedAt: later });
      await waitFor(
        async () =>
          (await h.request<One>('GET', `/api/documents/${sentinel.id}`, { token: ada.accessToken })).body.document
            .sizeBytes === 7,
        { what: 'sentinel snapshot event' },
      );
      expect(await read()).toMatchObject({ sizeBytes: 4242, updatedAt: later });
    });
  });
}
