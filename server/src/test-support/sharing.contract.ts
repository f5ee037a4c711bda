import { describe, expect, it } from 'vitest';
import type { DocumentDto, MemberDto } from '@codesync/protocol';
import { waitFor } from '@codesync/testing';
import type { ApiHarness } from './api-harness.js';

type Members = { members: MemberDto[] };
type Member = { member: MemberDto };

export function describeSharingContract(harness: () => ApiHarness): void {
  describe('members', () => {
    it('shares by email; the member sees the document with that role', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const doc = await h.createDocument(ada);
      const shared = await h.request<Member>('POST', `/api/documents/${doc.id}/members`, {
        token: ada.accessToken,
        json: { email: bob.email.toUpperCase(), role: 'editor' },
      });
      expect(shared.status).toBe(201);
      expect(shared.body.member).toEqual({ userId: bob.user.id, email: bob.email, name: 'Bob', role: 'editor' });
      const list = await h.request<Members>('GET', `/api/documents/${doc.id}/members`, { token: bob.accessToken });
      expect(list.body.members.map((m) => [m.name, m.role])).toEqual([['Ada', 'owner'], ['Bob', 'editor']]);
      const read = await h.request<{ document: DocumentDto }>('GET', `/api/documents/${doc.id}`, { token: bob.accessToken });
      expect(read.body.document.role).toBe('editor');
    });

    it('changes a role (by PATCH, or by sharing again) and tells the sync service', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp(), await h.signUp()];
      const doc = await h.createDocument(ada);
      await h.share(ada, doc.id, bob, 'editor');
      const patched = await h.request<Member>('PATCH', `/api/documents/${doc.id}/members/${bob.user.id}`, {
        token: ada.accessToken,
        json: { role: 'viewer' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.member.role).toBe('viewer');
      const denied = await h.request('PATCH', `/api/documents/${doc.id}`, { token: bob.accessToken, json: { title: 'x' } });
      expect(denied.status).toBe(403);
      const again = await h.request<Member>('POST', `/api/documents/${doc.id}/members`, {
        token: ada.accessToken,
        json: { email: bob.email, role: 'editor' },
      });
      expect(again.status).toBe(200);
      const changed = (role: string) => (e: (typeof h.events)[number]) =>
        e.type === 'member-role-changed' && e.documentId === doc.id && e.userId === bob.user.id && e.role === role;
      await waitFor(() => h.events.some(changed('viewer')) && h.events.some(changed('editor')), {
        what: 'member-role-changed events',
      });
    });

    it('removes a member, who then cannot tell the document exists', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp(), await h.signUp()];
      const doc = await h.createDocument(ada);
      await h.share(ada, doc.id, bob, 'editor');
      const removed = await h.request('DELETE', `/api/documents/${doc.id}/members/${bob.user.id}`, { token: ada.accessToken });
      expect(removed.status).toBe(204);
      const read = await h.request('GET', `/api/documents/${doc.id}`, { token: bob.accessToken });
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe('document_not_found');
      await waitFor(
        () => h.events.some((e) => e.type === 'member-removed' && e.documentId === doc.id && e.userId === bob.user.id),
        { what: 'member-removed event' },
      );
    });

    it('lets a member leave, but never removes or demotes the owner', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp(), await h.signUp()];
      const doc = await h.createDocument(ada);
      await h.share(ada, doc.id, bob, 'viewer');
      expect((await h.request('DELETE', `/api/documents/${doc.id}/members/${bob.user.id}`, { token: bob.accessToken })).status).toBe(204);
      const removeOwner = await h.request('DELETE', `/api/documents/${doc.id}/members/${ada.user.id}`, { token: ada.accessToken });
      expect(removeOwner.status).toBe(409);
      const demote = await h.request('PATCH', `/api/documents/${doc.id}/members/${ada.user.id}`, {
        token: ada.accessToken,
        json: { role: 'viewer' },
      });
      expect(demote.status).toBe(409);
      const shareOwner = await h.request('POST', `/api/documents/${doc.id}/members`, {
        token: ada.accessToken,
        json: { email: ada.email, role: 'viewer' },
      });
      expect(shareOwner.status).toBe(409);
      const grantOwner = await h.request('POST', `/api/documents/${doc.id}/members`, {
        token: ada.accessToken,
        json: { email: bob.email, role: 'owner' },
      });
      expect(grantOwner.status).toBe(400);
      expect((await h.request<{ document: DocumentDto }>('GET', `/api/documents/${doc.id}`, { token: ada.accessToken })).body.document.role).toBe('owner');
    });

    it('answers 404 for an unknown email or member', async () => {
      const h = harness();
      const ada = await h.signUp();
      const doc = await h.createDocument(ada);
      const unknown = await h.request('POST', `/api/documents/${doc.id}/members`, {
        token: ada.accessToken,
        json: { email: 'ghost@example.test', role: 'viewer' },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('user_not_found');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const response = await h.request('DELETE', `/api/documents/${doc.id}/members/${id}`, { token: ada.accessToken });
        expect(response.status).toBe(404);
      }
    });
  });
}
