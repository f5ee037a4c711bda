import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

export const REFRESH_COOKIE = 'codesync_refresh';
/** The header by which the web app asks for the cookie (and, on refresh, vouches that it sent the request). */
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';
const COOKIE_PATH = '/api/auth';

/**
 * The web app keeps its refresh token where no script can read it: an
 * `HttpOnly; SameSite=Strict` cookie sent only to /api/auth. CSRF: a
 * cross-site page cannot make the browser send it (SameSite=Strict), cannot
 * add `X-Refresh-Cookie` without a CORS preflight the API refuses, and could
 * not read the new access token anyway; `Sec-Fetch-Site: cross-site` is
 * refused outright as a further check. See docs/security.md.
 */
export const wantsRefreshCookie = (c: Context<AppEnv>) => c.req.header(REFRESH_COOKIE_HEADER) === '1';

export interface RefreshCookieOptions {
  /** Cookie lifetime: the session's. */
  maxAgeSeconds: number;
  /** Over HTTPS (directly, or per a trusted proxy's X-Forwarded-Proto) the cookie is `Secure`. */
  isHttps: (c: Context<AppEnv>) => boolean;
}

export function createRefreshCookie({ maxAgeSeconds, isHttps }: RefreshCookieOptions) {
  return {
    set(c: Context<AppEnv>, refreshToken: string): void {
      setCookie(c, REFRESH_COOKIE, refreshToken, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: isHttps(c),
        path: COOKIE_PATH,
        maxAge: maxAgeSeconds,
      });
    },
    clear(c: Context<AppEnv>): void {
      deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
    },
    /** The cookie's token, if the request may use it; refuses a cross-site request that carries it. */
    read(c: Context<AppEnv>): string | undefined {
      const token = getCookie(c, REFRESH_COOKIE);
      if (!token || !wantsRefreshCookie(c)) return undefined;
      if (c.req.header('sec-fetch-site') === 'cross-site') {
        throw new ApiError(403, 'cross_site_request', 'the refresh cookie is not accepted from another site');
      }
      return token;
    },
  };
}

export type RefreshCookie = ReturnType<typeof createRefreshCookie>;
