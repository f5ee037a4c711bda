import type { AuthTokensDto } from '@codesync/protocol';
import { ApiError } from './api-error';
import type { Session, SessionStore } from './session-store';

/** Runs `task` while holding a lock that other tabs of this origin respect. */
export type CrossTabLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface TokenRefresherOptions {
  store: SessionStore;
  /** POST /api/auth/refresh. */
  refresh: (refreshToken: string) => Promise<AuthTokensDto>;
  lock?: CrossTabLock;
}

/** Returns the fresh session, or null when the session is gone and the user must sign in. */
export type TokenRefresher = (staleAccessToken: string) => Promise<Session | null>;

const noLock: CrossTabLock = (_name, task) => task();

/** Web Locks where the browser has them (every current one), else no cross-tab lock. */
export function browserLock(): CrossTabLock {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return noLock;
  return <T>(name: string, task: () => Promise<T>) => locks.request(name, task) as Promise<T>;
}

/**
 * Refresh tokens rotate: each works once. Two requests in one tab, or two tabs, that
 * refresh at the same moment would spend the same token twice and the loser would be
 * signed out. So refreshes are single-flight in the tab and serialised across tabs by a
 * lock; whoever gets the lock second sees the session already renewed and reuses it.
 */
export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { store, refresh, lock = noLock } = options;
  let inFlight: Promise<Session | null> | null = null;

  async function renew(staleAccessToken: string): Promise<Session | null> {
    const current = store.get();
    if (!current) return null;
    if (current.accessToken !== staleAccessToken) return current;
    if (!current.refreshToken) return null;
    try {
      const next = await refresh(current.refreshToken);
      store.set(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // Expired, already used or revoked: the session is over. Local edits stay in IndexedDB.
        if (store.get()?.refreshToken === current.refreshToken) store.set(null);
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
