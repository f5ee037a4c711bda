import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { DocumentDto, MemberDto } from '@codesync/protocol';
import { TEST_JWT_SECRET, type ApiHarness, type TestUser } from './api-harness.js';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

async function accessToken(user: TestUser, secret: string, expiresAt: number): Promise<string> {
  const sid = JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
  return new SignJWT({ sid })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('codesync')
    .setAudience('access')
    .setSubject(user.user.id)
    .setIssuedAt(expiresAt - 900)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

/** What a user can see of their data: compared before and after bad requests. */
async function visibleState(h: ApiHarness, user: TestUser) {
  const docs = await h.request<{ documents: DocumentDto[] }>('GET', '/api/documents', { token: user.accessToken });
  const members = await Promise.all(
    docs.body.documents.map(async (d) => {
      const list = await h.request<{ members: MemberDto[] }>('GET', `/api/documents/${d.id}/members`, { token: user.accessToken });
      const content = await h.request('GET', `/api/documents/${d.id}/content`, { token: user.accessToken });
      return { list: list.body.members, content: content.text };
    }),
  );
  return { docs: docs.body.documents, members };
}

export function describeBadInputContract(harness: () => ApiHarness): void {
  describe('bad input gets a 4xx and leaves the data as it was', () => {
    it('refuses malformed, mistyped, incomplete, oversized and unknown-field bodies on every JSON route', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp(), await h.signUp()];
      const doc = await h.createDocument(ada, { content: 'keep me' });
      await h.share(ada, doc.id, bob, 'viewer');
      const before = await visibleState(h, ada);
      const routes: Array<[string, string, string | undefined]> = [
        ['POST', '/api/auth/register', undefined],
        ['POST', '/api/auth/login', undefined],
        ['POST', '/api/auth/refresh', undefined],
        ['POST', '/api/auth/reset', undefined],
        ['POST', '/api/auth/password', ada.accessToken],
        ['DELETE', '/api/users/me', ada.accessToken],
        ['POST', '/api/documents', ada.accessToken],
        ['PATCH', `/api/documents/${doc.id}`, ada.accessToken],
        ['POST', `/api/documents/${doc.id}/members`, ada.accessToken],
        ['PATCH', `/api/documents/${doc.id}/members/${bob.user.id}`, ada.accessToken],
      ];
      const bodies: Array<[string, number, string]> = [
        ['{"title": "unterminated', 400, 'invalid_json'],
        ['', 400, 'invalid_json'],
        ['null', 400, 'validation_failed'],
        ['[1,2,3]', 400, 'validation_failed'],
        ['{"email": 5, "password": [], "name": {}, "title": 7, "language": "cobol", "role": "admin", "refreshToken": 1}', 400, 'validation_failed'],
        ['{}', 400, 'validation_failed'],
        ['{"surprise": true}', 400, 'validation_failed'],
        [JSON.stringify({ title: TEN_MB }), 413, 'payload_too_large'],
      ];
      for (const [method, url, token] of routes) {
        for (const [raw, status, code] of bodies) {
          const response = await h.request(method, url, { token, raw, headers: { 'content-type': 'application/json' } });
          expect({ method, url, raw: raw.slice(0, 40), status: response.status, code: response.body.error?.code }).toEqual({
            method, url, raw: raw.slice(0, 40), status, code,
          });
        }
      }
      expect(await visibleState(h, ada)).toEqual(before);
    });

    it('stores unicode and SQL-looking strings exactly as given', async () => {
      const h = harness();
      const name = "Zoë 李 🚀 ‮RTL‬ Robert'); DROP TABLE users;--";
      const email = `o'brien+${Date.now()}@example.test`;
      const register = await h.request('POST', '/api/auth/register', { json: { email, password: "p' OR '1'='1", name } });
      expect(register.status).toBe(201);
      const user = await h.login({ email, password: "p' OR '1'='1" });
      expect(user.user.name).toBe(name);
      const content = "SELECT * FROM documents WHERE id = '' OR 1=1; -- ✓ 😀 \u0000 \\x00";
      const title = "'; DELETE FROM documents; -- 📄";
      const doc = await h.createDocument(user, { title, content });
      expect(doc.title).toBe(title);
      const read = await h.request('GET', `/api/documents/${doc.id}/content`, { token: user.accessToken });
      expect(read.text).toBe(content);
      const sqlLogin = await h.request('POST', '/api/auth/login', { json: { email: "' OR 1=1 --@x.test", password: 'whatever1' } });
      expect(sqlLogin.status).toBe(400);
    });

    it('refuses control characters and lone surrogates in names and titles', async () => {
      const h = harness();
      const ada = await h.signUp();
      for (const raw of ['{"title":"nul\\u0000byte","language":"go"}', '{"title":"half \\ud800 pair","language":"go"}']) {
        const response = await h.request('POST', '/api/documents', { token: ada.accessToken, raw });
        expect(response.status).toBe(400);
      }
      const register = await h.request('POST', '/api/auth/register', {
        raw: '{"email":"nul@example.test","password":"long enough","name":"a\\u0000b"}',
      });
      expect(register.status).toBe(400);
    });

    it('refuses content over the size limit', async () => {
      const h = harness();
      const ada = await h.signUp();
      const big = await h.request('POST', '/api/documents', {
        token: ada.accessToken,
        json: { title: 'big', language: 'plaintext', content: 'é'.repeat(1024 * 1024 + 1) },
      });
      expect(big.status).toBe(413);
      const list = await h.request<{ documents: DocumentDto[] }>('GET', '/api/documents', { token: ada.accessToken });
      expect(list.body.documents).toEqual([]);
    });

    it('refuses expired, forged, alg:none, wrong-kind and malformed tokens', async () => {
      const h = harness();
      const ada = await h.signUp();
      const now = Math.floor(Date.now() / 1000);
      const none = new UnsecuredJWT({ sid: 'x' }).setIssuer('codesync').setAudience('access').setSubject(ada.user.id)
        .setExpirationTime('5m').encode();
      const cases: Array<[string, string]> = [
        ['expired', `Bearer ${await accessToken(ada, TEST_JWT_SECRET, now - 60)}`],
        ['forged', `Bearer ${await accessToken(ada, 'another-secret-'.padEnd(40, 'y'), now + 600)}`],
        ['alg none', `Bearer ${none}`],
        ['refresh as access', `Bearer ${ada.refreshToken}`],
        ['garbage', 'Bearer not.a.token'],
        ['no scheme', ada.accessToken],
        ['basic', `Basic ${Buffer.from('a:b').toString('base64')}`],
        ['empty bearer', 'Bearer '],
        ['two tokens', `Bearer ${ada.accessToken} ${ada.accessToken}`],
        ['latin-1', 'Bearer \u00ff\u00fe'],
      ];
      for (const [what, authorization] of cases) {
        const response = await h.request('GET', '/api/documents', { headers: { authorization } });
        expect({ what, status: response.status }).toEqual({ what, status: 401 });
        expect(response.body.error.code).toMatch(/^(token_expired|invalid_token|unauthorized)$/);
      }
      const expired = await h.request('GET', '/api/users/me', {
        headers: { authorization: `Bearer ${await accessToken(ada, TEST_JWT_SECRET, now - 60)}` },
      });
      expect(expired.body.error.code).toBe('token_expired');
      for (const refreshToken of [ada.accessToken, 'x', await accessToken(ada, 'another-secret-'.padEnd(40, 'y'), now + 600)]) {
        expect((await h.request('POST', '/api/auth/refresh', { json: { refreshToken } })).status).toBe(401);
      }
      expect((await h.request('GET', '/api/users/me', { token: ada.accessToken })).status).toBe(200);
    });

    it('answers 404 for ids that are not ids', async () => {
      const h = harness();
      const ada = await h.signUp();
      for (const id of ['not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-000000000000', '%00']) {
        const response = await h.request('GET', `/api/documents/${encodeURIComponent(id)}`, { token: ada.accessToken });
        expect({ id, status: response.status }).toEqual({ id, status: 404 });
      }
    });
  });
}
