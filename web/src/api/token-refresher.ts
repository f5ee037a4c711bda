import type { AuthTokensDto } from '@codesync/protocol';
import { ApiError } from './api-error';
import type { Session, SessionStore } from './session-store';

/** Runs `task` while holding a lock that other tabs of this origin respect. */
export type CrossTabLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface TokenRefresherOptions {
  store: SessionStore;
  /** POST /api/auth/refresh: the refresh token travels as the HttpOnly cookie. */
  refresh: () => Promise<AuthTokensDto>;
  lock?: CrossTabLock;
}

/** Returns the fresh session, or null when the session is gone and the user must sign in. */
export type TokenRefresher = (staleAccessToken: string | null) => Promise<Session | null>;

/** Sent on /api/auth requests: the server then keeps the refresh token in its cookie. */
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';

const noLock: CrossTabLock = (_name, task) => task();

/** How long a tab may hold the fallback lock before others assume it died. */
const LEASE_MS = 10_000;
const POLL_MS = 50;

/**
 * A lock for pages that are not a secure context (a LAN pair over plain HTTP has no Web
 * Locks): a lease in localStorage, taken when free or expired, confirmed by reading it back.
 * Weaker than Web Locks, enough to keep two tabs from spending one refresh cookie at once.
 */
export function storageLock(storage: Storage, now: () => number = Date.now): CrossTabLock {
  const me = Math.random().toString(36).slice(2);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return async <T>(name: string, task: () => Promise<T>) => {
    const key = `${name}:lease`;
    for (;;) {
      const [holder, until] = (storage.getItem(key) ?? '').split(' ');
      if (!holder || Number(until) < now()) {
        storage.setItem(key, `${me} ${now() + LEASE_MS}`);
        await sleep(POLL_MS); // another tab that wrote at the same moment wins or loses here
        if (storage.getItem(key)?.startsWith(`${me} `)) break;
      }
      await sleep(POLL_MS);
    }
    try {
      return await task();
    } finally {
      if (storage.getItem(key)?.startsWith(`${me} `)) storage.removeItem(key);
    }
  };
}

/** Web Locks where the page has them, else the localStorage lease. */
export function browserLock(): CrossTabLock {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return <T>(name: string, task: () => Promise<T>) => locks.request(name, task) as Promise<T>;
  return typeof localStorage === 'undefined' ? noLock : storageLock(localStorage);
}

/**
 * Refresh tokens rotate: each works once, and presenting a spent one ends the session.
 * The cookie is shared by every tab, so refreshes are single-flight in the tab and
 * serialised across tabs by a lock: whoever gets the lock second sends the cookie the
 * first one's answer already replaced.
 */
export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { store, refresh, lock = noLock } = options;
  let inFlight: Promise<Session | null> | null = null;

  async function renew(staleAccessToken: string | null): Promise<Session | null> {
    const current = store.get();
    if (!current) return null;
    if (current.accessToken !== null && current.accessToken !== staleAccessToken) return current;
    try {
      store.set(await refresh());
      return store.get();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // Expired, already used or revoked: the session is over. Local edits stay in IndexedDB.
        if (store.get()?.user.id === current.user.id) store.set(null);
        return null;
      }
      throw error;
    }
  }

  return (staleAccessToken) => {
    inFlight ??= lock('codesync:refresh', () => renew(staleAccessToken)).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
