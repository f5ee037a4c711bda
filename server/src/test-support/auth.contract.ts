import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@codesync/testing';
import type { UserDto } from '@codesync/protocol';
import type { ApiHarness, TestUser } from './api-harness.js';

type Tokens = TestUser;

const sessionIdOf = (accessToken: string) => decodeJwt(accessToken).sid;

export function describeAuthContract(harness: () => ApiHarness): void {
  describe('accounts and sessions', () => {
    it('registers, logs in and answers /users/me', async () => {
      const h = harness();
      const ada = await h.signUp('Ada Lovelace');
      expect(ada.user).toMatchObject({ name: 'Ada Lovelace', email: ada.email });
      expect(ada.user).not.toHaveProperty('passwordHash');
      const me = await h.request<{ user: UserDto }>('GET', '/api/users/me', { token: ada.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.user).toEqual(ada.user);
    });

    it('refuses a second account for the same email, whatever its case', async () => {
      const h = harness();
      const ada = await h.signUp();
      const again = await h.request('POST', '/api/auth/register', {
        json: { email: ada.email.toUpperCase(), password: 'another password', name: 'Impostor' },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('email_taken');
      expect((await h.login({ email: ada.email, password: ada.password })).user.name).toBe('Test User');
    });

    it('answers a wrong password and an unknown email alike', async () => {
      const h = harness();
      const ada = await h.signUp();
      const wrong = await h.request('POST', '/api/auth/login', { json: { email: ada.email, password: 'not the password' } });
      const unknown = await h.request('POST', '/api/auth/login', {
        json: { email: 'nobody@example.test', password: 'not the password' },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error.code).toBe('invalid_credentials');
    });

    it('rotates refresh tokens: each works once and gives a working pair', async () => {
      const h = harness();
      const ada = await h.signUp();
      const first = await h.request<Tokens>('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(ada.refreshToken);
      expect(first.body.user.id).toBe(ada.user.id);
      const me = await h.request('GET', '/api/users/me', { token: first.body.accessToken });
      expect(me.status).toBe(200);
      const second = await h.request<Tokens>('POST', '/api/auth/refresh', { json: { refreshToken: first.body.refreshToken } });
      expect(second.status).toBe(200);
    });

    // A replayed refresh token means it leaked: the whole session must end, for the thief and the owner.
    it('revokes the session when a used refresh token comes back', async () => {
      const h = harness();
      const ada = await h.signUp();
      const rotated = await h.request<Tokens>('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } });
      const replay = await h.request('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('refresh_token_reused');
      for (const token of [ada.accessToken, rotated.body.accessToken]) {
        expect((await h.request('GET', '/api/users/me', { token })).status).toBe(401);
      }
      const next = await h.request('POST', '/api/auth/refresh', { json: { refreshToken: rotated.body.refreshToken } });
      expect(next.status).toBe(401);
      const sessionId = sessionIdOf(ada.accessToken);
      await waitFor(() => h.events.some((e) => e.type === 'session-revoked' && e.sessionId === sessionId), {
        what: 'session-revoked event',
      });
    });

    it('logs out: the access and refresh tokens stop working at once, other sessions carry on', async () => {
      const h = harness();
      const ada = await h.signUp();
      const laptop = await h.login(ada);
      expect((await h.request('POST', '/api/auth/logout', { token: ada.accessToken })).status).toBe(204);
      const after = await h.request('GET', '/api/users/me', { token: ada.accessToken });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('session_revoked');
      expect((await h.request('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } })).status).toBe(401);
      expect((await h.request('GET', '/api/users/me', { token: laptop.accessToken })).status).toBe(200);
      const sessionId = sessionIdOf(ada.accessToken);
      await waitFor(() => h.events.some((e) => e.type === 'session-revoked' && e.sessionId === sessionId), {
        what: 'session-revoked event',
      });
    });

    it('asks for a token where one is needed', async () => {
      const h = harness();
      const response = await h.request('GET', '/api/users/me');
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
    });
  });
}
