import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '@codesync/auth';
import { sessions, users } from '@codesync/db';
import { waitFor } from '@codesync/testing';
import type { ApiHarness, TestUser } from './api-harness.js';

const sessionIdOf = (user: Pick<TestUser, 'accessToken'>) => String(decodeJwt(user.accessToken).sid);

async function sessionEnded(h: ApiHarness, user: Pick<TestUser, 'accessToken'>): Promise<void> {
  const sessionId = sessionIdOf(user);
  // The sync service closes that session's sockets on this event.
  await waitFor(() => h.events.some((e) => e.type === 'session-revoked' && e.sessionId === sessionId), { what: 'session-revoked event' });
  expect((await h.request('GET', '/api/users/me', { token: user.accessToken })).status).toBe(401);
}

/** DESIGN's account self-service routes (issue 16, finding 6) and the password hash's cost (finding 5). */
export function describeAccountsContract(harness: () => ApiHarness): void {
  describe('account self-service', () => {
    // Finding 6: a user could not change their password; now the other sessions end and their sockets close.
    it('changes the password: other sessions end (session-revoked for their sockets), this one carries on', async () => {
      const h = harness();
      const ada = await h.signUp();
      const phone = await h.login(ada);
      const change = await h.request('POST', '/api/auth/password', {
        token: ada.accessToken,
        json: { currentPassword: ada.password, newPassword: 'a brand new password' },
      });
      expect(change.status, change.text).toBe(204);
      await sessionEnded(h, phone);
      expect((await h.request('POST', '/api/auth/refresh', { json: { refreshToken: phone.refreshToken } })).status).toBe(401);
      expect((await h.request('GET', '/api/users/me', { token: ada.accessToken })).status).toBe(200);
      expect((await h.request('POST', '/api/auth/login', { json: { email: ada.email, password: ada.password } })).status).toBe(401);
      await h.login({ email: ada.email, password: 'a brand new password' });
    });

    it('refuses a password change with the wrong current password (403, not a 401 that reads as "signed out")', async () => {
      const h = harness();
      const ada = await h.signUp();
      const change = await h.request('POST', '/api/auth/password', {
        token: ada.accessToken,
        json: { currentPassword: 'not my password', newPassword: 'a brand new password' },
      });
      expect(change.status).toBe(403);
      expect(change.body.error.code).toBe('wrong_password');
      await h.login(ada);
    });

    it('signs out everywhere: every session ends, this one included', async () => {
      const h = harness();
      const ada = await h.signUp();
      const laptop = await h.login(ada);
      const bob = await h.signUp();
      expect((await h.request('POST', '/api/auth/logout-all', { token: ada.accessToken })).status).toBe(204);
      await sessionEnded(h, ada);
      await sessionEnded(h, laptop);
      expect((await h.request('GET', '/api/users/me', { token: bob.accessToken })).status).toBe(200);
    });

    it('deletes an account: what it owns goes, what it made in a shared project stays, its sessions end', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const own = await h.createDocument(ada, { content: 'mine' });
      const project = await h.createProject(ada);
      const bobsProject = await h.createProject(bob);
      await h.shareProject(bob, bobsProject.id, ada, 'editor');
      const adasFileInBobsProject = await h.addFile(ada, bobsProject.id, 'ada.ts', 'by ada');
      const bobsDoc = await h.createDocument(bob);
      await h.share(bob, bobsDoc.id, ada, 'editor');

      const wrong = await h.request('DELETE', '/api/users/me', { token: ada.accessToken, json: { password: 'nope nope' } });
      expect(wrong.status).toBe(403);
      const gone = await h.request('DELETE', '/api/users/me', { token: ada.accessToken, json: { password: ada.password } });
      expect(gone.status, gone.text).toBe(204);

      await sessionEnded(h, ada);
      expect((await h.request('POST', '/api/auth/login', { json: { email: ada.email, password: ada.password } })).status).toBe(401);
      expect((await h.request('GET', `/api/documents/${own.id}`, { token: bob.accessToken })).status).toBe(404);
      expect((await h.request('GET', `/api/projects/${project.id}`, { token: bob.accessToken })).status).toBe(404);
      expect(h.events).toContainEqual({ type: 'document-deleted', documentId: own.id });
      expect(h.events).toContainEqual({ type: 'project-deleted', projectId: project.id });
      expect(await h.store.list(own.id)).toEqual([]);
      // Bob's project keeps the file Ada wrote in it, now owned by Bob; Bob's document loses its member.
      const text = await h.request('GET', `/api/documents/${adasFileInBobsProject.documentId}/content`, { token: bob.accessToken });
      expect(text.text).toBe('by ada');
      const members = await h.request<{ members: { userId: string }[] }>('GET', `/api/documents/${bobsDoc.id}/members`, { token: bob.accessToken });
      expect(members.body.members.map((m) => m.userId)).toEqual([bob.user.id]);
      // The email is free again.
      expect((await h.request('POST', '/api/auth/register', { json: { email: ada.email, password: 'another one', name: 'Ada 2' } })).status).toBe(201);
    });

    // Finding 6: a forgotten password had no way back.
    it('completes a one-time reset link: the new password works, every session ends, the link works once', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { token } = await h.runtime.accounts.createResetToken(ada.email.toUpperCase());
      const reset = await h.request('POST', '/api/auth/reset', { json: { token, newPassword: 'reset password 1' } });
      expect(reset.status, reset.text).toBe(204);
      await sessionEnded(h, ada);
      await h.login({ email: ada.email, password: 'reset password 1' });
      const again = await h.request('POST', '/api/auth/reset', { json: { token, newPassword: 'reset password 2' } });
      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe('reset_link_invalid');
      const unknown = await h.request('POST', '/api/auth/reset', { json: { token: 'x'.repeat(43), newPassword: 'reset password 2' } });
      expect(unknown.body.error.code).toBe('reset_link_invalid');
      await expect(h.runtime.accounts.createResetToken('nobody@example.test')).rejects.toMatchObject({ status: 404 });
    });

    // Finding 5: hashes made at the old cost stayed at it forever.
    it('re-hashes a password stored at an older cost on the next login', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { db } = h.runtime.database;
      await db.update(users).set({ passwordHash: await hashPassword(ada.password, { N: 512, r: 8, p: 1 }) }).where(eq(users.id, ada.user.id));
      await h.login(ada);
      const [row] = await db.select().from(users).where(eq(users.id, ada.user.id));
      expect(row?.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
      await h.login(ada);
    });

    // Finding 5: the sessions table was never pruned.
    it('prunes expired sessions and long-revoked ones, keeping live ones', async () => {
      const h = harness();
      const ada = await h.signUp();
      const { db } = h.runtime.database;
      const old = new Date(Date.now() - 3 * 3600_000);
      const [expired, revoked] = [randomUUID(), randomUUID()];
      await db.insert(sessions).values([
        { id: expired, userId: ada.user.id, refreshTokenId: randomUUID(), expiresAt: old },
        { id: revoked, userId: ada.user.id, refreshTokenId: randomUUID(), expiresAt: new Date(Date.now() + 3600_000), revokedAt: old },
      ]);
      expect(await h.runtime.sessions.prune()).toBeGreaterThanOrEqual(2);
      const left = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, ada.user.id));
      expect(left.map((s) => s.id)).toEqual([sessionIdOf(ada)]);
    });
  });
}
