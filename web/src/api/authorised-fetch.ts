import { ApiError, ClientErrorCode, networkError } from './api-error';
import type { Session, SessionStore } from './session-store';
import { createTokenRefresher, REFRESH_COOKIE_HEADER, type CrossTabLock } from './token-refresher';
import type { AuthTokensDto } from './schema-types';

/** Refresh this long before the access token expires, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 15_000;

export type Fetch = (request: Request) => Promise<Response>;

export interface AuthorisedFetchOptions {
  store: SessionStore;
  /** The network; a failure to reach it becomes an ApiError `network_error`. */
  send: Fetch;
  /** POST /api/auth/refresh: the refresh token travels as the HttpOnly cookie. */
  refresh: () => Promise<AuthTokensDto>;
  lock?: CrossTabLock;
  now?: () => number;
}

/** The network, with a failure to reach it turned into an ApiError `network_error`. */
export function reachable(fetchImpl: Fetch): Fetch {
  return async (request) => {
    try {
      return await fetchImpl(request);
    } catch (cause) {
      throw networkError(cause);
    }
  };
}

/**
 * Sign-in, refresh and sign-out ask for the refresh token as an HttpOnly cookie on
 * /api/auth, never in a body a script can read.
 */
export function askForRefreshCookie(fetchImpl: Fetch): Fetch {
  return (request) => {
    if (new URL(request.url).pathname.startsWith('/api/auth/')) request.headers.set(REFRESH_COOKIE_HEADER, '1');
    return fetchImpl(request);
  };
}

const expired = (): ApiError => new ApiError(401, ClientErrorCode.sessionExpired, 'Your session has ended. Please sign in again.');

/**
 * The one place that knows how a request is authorised: it carries the access
 * token, renewed ahead of its expiry, and a 401 is retried once after a refresh
 * (the server may know better than the clock: revoked session, skewed time).
 */
export function createAuthorisedFetch(options: AuthorisedFetchOptions): Fetch {
  const { store, send, now = Date.now } = options;
  const refresher = createTokenRefresher({ store, lock: options.lock, refresh: options.refresh });

  async function freshSession(): Promise<Session> {
    const session = store.get();
    if (!session) throw expired();
    // After a reload the access token is gone (it lives in memory only): refresh by cookie.
    const expiresAt = Date.parse(session.accessTokenExpiresAt ?? '');
    if (session.accessToken && Number.isFinite(expiresAt) && expiresAt - now() > EXPIRY_MARGIN_MS) return session;
    const renewed = await refresher(session.accessToken);
    if (!renewed) throw expired();
    return renewed;
  }

  const withToken = (request: Request, token: string | null): Request => {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  };

  return async (request) => {
    const session = await freshSession();
    // A clone goes first so that the body is still there for the retry.
    const response = await send(withToken(request.clone(), session.accessToken));
    if (response.status !== 401) return response;
    const renewed = await refresher(session.accessToken);
    if (!renewed) throw expired();
    return send(withToken(request, renewed.accessToken));
  };
}
