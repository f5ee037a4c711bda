import { describe, expect, it } from 'vitest';
import type { AuthTokensDto } from '@codesync/protocol';
import type { ApiHarness, ErrorBody, TestResponse } from './api-harness.js';

const COOKIE = 'codesync_refresh';
const WEB = { 'x-refresh-cookie': '1' };

/** The refresh cookie a response set: its value and attributes (lower-cased names). */
function setCookie(response: TestResponse<unknown>): { value: string; attributes: Record<string, string> } | undefined {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE}=`));
  if (!header) return undefined;
  const [pair = '', ...rest] = header.split(';').map((part) => part.trim());
  const attributes = Object.fromEntries(rest.map((part) => {
    const [name = '', value = ''] = part.split('=');
    return [name.toLowerCase(), value];
  }));
  return { value: decodeURIComponent(pair.slice(COOKIE.length + 1)), attributes };
}

/** DESIGN "Auth": the web app's refresh token lives only in an HttpOnly cookie (issue 16, finding 3). */
export function describeRefreshCookieContract(harness: () => ApiHarness): void {
  describe('refresh token in an HttpOnly cookie for the web app', () => {
    async function webLogin(h: ApiHarness, url = '/api/auth/login') {
      const ada = await h.signUp();
      const response = await h.request<AuthTokensDto>('POST', url, { json: { email: ada.email, password: ada.password }, headers: WEB });
      expect(response.status).toBe(200);
      return { ada, response, cookie: setCookie(response) };
    }

    // Finding 3: the 30-day refresh token sat in localStorage, where any script could read it.
    it('sets HttpOnly; SameSite=Strict; Path=/api/auth and leaves the token out of the body', async () => {
      const { response, cookie } = await webLogin(harness());
      expect(response.body.refreshToken).toBeUndefined();
      expect(response.body.accessToken).toEqual(expect.any(String));
      expect(cookie?.value).toMatch(/^ey/);
      expect(cookie?.attributes).toMatchObject({ httponly: '', samesite: 'Strict', path: '/api/auth' });
      expect(Number(cookie?.attributes['max-age'])).toBeGreaterThan(24 * 3600);
      expect(cookie?.attributes).not.toHaveProperty('secure'); // plain HTTP (a LAN pair): a Secure cookie would never come back
    });

    it('marks the cookie Secure over HTTPS', async () => {
      const { cookie } = await webLogin(harness(), 'https://codesync.example/api/auth/login');
      expect(cookie?.attributes).toHaveProperty('secure');
    });

    it('refreshes from the cookie with X-Refresh-Cookie: 1 and rotates it; the old cookie is then a replay', async () => {
      const h = harness();
      const { cookie } = await webLogin(h);
      const refresh = <T = AuthTokensDto>(value: string) =>
        h.request<T>('POST', '/api/auth/refresh', { headers: { ...WEB, cookie: `${COOKIE}=${value}` } });
      const first = await refresh(cookie!.value);
      expect(first.status, first.text).toBe(200);
      expect(first.body.refreshToken).toBeUndefined();
      const next = setCookie(first);
      expect(next?.value).not.toBe(cookie!.value);
      expect((await h.request('GET', '/api/users/me', { token: first.body.accessToken })).status).toBe(200);
      const replay = await refresh<ErrorBody>(cookie!.value);
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('refresh_token_reused');
    });

    // CSRF: a cookie alone (what a cross-site form or image can make a browser send) refreshes nothing.
    it('ignores the cookie without X-Refresh-Cookie, and refuses it from a cross-site request', async () => {
      const h = harness();
      const { cookie } = await webLogin(h);
      const cookieHeader = { cookie: `${COOKIE}=${cookie!.value}` };
      const bare = await h.request('POST', '/api/auth/refresh', { headers: { ...cookieHeader, 'content-type': 'application/json' }, raw: '{}' });
      expect(bare.status).toBe(400);
      const crossSite = await h.request('POST', '/api/auth/refresh', { headers: { ...cookieHeader, ...WEB, 'sec-fetch-site': 'cross-site' } });
      expect(crossSite.status).toBe(403);
      expect(crossSite.body.error.code).toBe('cross_site_request');
      // The token still works from the web app itself: nothing above spent it.
      expect((await h.request('POST', '/api/auth/refresh', { headers: { ...cookieHeader, ...WEB, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    });

    it('clears the cookie on sign-out, and on a refresh that fails', async () => {
      const h = harness();
      const { response, cookie } = await webLogin(h);
      const logout = await h.request('POST', '/api/auth/logout', { token: response.body.accessToken, headers: WEB });
      expect(logout.status).toBe(204);
      expect(setCookie(logout)?.attributes['max-age']).toBe('0');
      const after = await h.request('POST', '/api/auth/refresh', { headers: { ...WEB, cookie: `${COOKIE}=${cookie!.value}` } });
      expect(after.status).toBe(401);
      expect(setCookie(after)?.attributes['max-age']).toBe('0');
    });

    it('still answers API clients with the token in the body', async () => {
      const h = harness();
      const ada = await h.signUp();
      expect(ada.refreshToken).toEqual(expect.any(String));
      const again = await h.request<AuthTokensDto>('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } });
      expect(again.body.refreshToken).toEqual(expect.any(String));
      expect(setCookie(again)).toBeUndefined();
    });
  });
}
