import type { AuthTokensDto } from '@codesync/protocol';

/** The signed-in session as the API returned it; shared by every tab through localStorage. */
export type Session = AuthTokensDto;

export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
  /** Called when this or another tab changes the session. */
  subscribe(listener: () => void): () => void;
}

export const SESSION_KEY = 'codesync:session';

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && value.user) {
      return value as Session;
    }
    return null;
  } catch (cause) {
    // A corrupt entry is the same as no session: the user signs in again.
    console.warn('codesync: ignoring unreadable session', cause);
    return null;
  }
}

/**
 * Keeps the session in `storage` so that a token refreshed in one tab is used by all:
 * refresh tokens rotate, and a stale copy would sign the other tabs out.
 */
export function createSessionStore(storage: Storage, events: EventTarget): SessionStore {
  const listeners = new Set<() => void>();
  let cachedRaw: string | null = null;
  let cached: Session | null = null;
  const notify = (): void => listeners.forEach((listener) => listener());

  events.addEventListener('storage', (event) => {
    if ((event as StorageEvent).key === SESSION_KEY || (event as StorageEvent).key === null) notify();
  });

  return {
    get() {
      const raw = storage.getItem(SESSION_KEY);
      if (raw !== cachedRaw) {
        cachedRaw = raw;
        cached = parse(raw);
      }
      return cached;
    },
    set(session) {
      if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
      else storage.removeItem(SESSION_KEY);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
