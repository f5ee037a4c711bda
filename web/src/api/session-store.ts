import type { AuthTokensDto, UserDto } from '@codesync/protocol';

/**
 * The signed-in session. The access token lives only in this tab's memory (null after a
 * reload until the first refresh, which the HttpOnly cookie pays for); the refresh token
 * never reaches script at all. What survives a reload is the non-secret account, so a
 * reload while offline still opens the editor and this device's copies.
 */
export interface Session {
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
  user: UserDto;
}

export interface SessionStore {
  get(): Session | null;
  /** A fresh token pair (sign-in, refresh), or null: signed out. */
  set(session: Pick<AuthTokensDto, 'accessToken' | 'accessTokenExpiresAt' | 'user'> | null): void;
  /** Called when this or another tab changes the session. */
  subscribe(listener: () => void): () => void;
}

/** The account shown while signed in: `{id, email, name, createdAt}`, no token. */
export const PROFILE_KEY = 'codesync:profile';
/** Where earlier versions kept both tokens; removed wherever it is found. */
const LEGACY_SESSION_KEY = 'codesync:session';

function parseProfile(raw: string | null): UserDto | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<UserDto>;
    return typeof value.id === 'string' && typeof value.name === 'string' ? (value as UserDto) : null;
  } catch (cause) {
    // A corrupt entry is the same as no session: the user signs in again.
    console.warn('codesync: ignoring unreadable profile', cause);
    return null;
  }
}

/**
 * The profile is shared by every tab through `storage` (a sign-out in one tab, seen as its
 * removal, signs the others out too); each tab keeps its own access token in memory and
 * renews it with the shared cookie.
 */
export function createSessionStore(storage: Storage, events: EventTarget): SessionStore {
  storage.removeItem(LEGACY_SESSION_KEY);
  const listeners = new Set<() => void>();
  type Tokens = { accessToken: string; accessTokenExpiresAt: string } | null;
  let memory: Tokens = null;
  let cachedRaw: string | null = null;
  let cachedMemory: Tokens = null;
  let cached: Session | null = null;
  const notify = (): void => listeners.forEach((listener) => listener());

  events.addEventListener('storage', (event) => {
    const key = (event as StorageEvent).key;
    if (key !== PROFILE_KEY && key !== null) return;
    // Another tab signed out, or in as someone else: this tab's token is not theirs.
    if (parseProfile(storage.getItem(PROFILE_KEY))?.id !== cached?.user.id) memory = null;
    notify();
  });

  return {
    get() {
      const raw = storage.getItem(PROFILE_KEY);
      if (raw !== cachedRaw || memory !== cachedMemory) {
        cachedRaw = raw;
        cachedMemory = memory;
        const user = parseProfile(raw);
        cached = user
          ? { user, accessToken: memory?.accessToken ?? null, accessTokenExpiresAt: memory?.accessTokenExpiresAt ?? null }
          : null;
      }
      return cached;
    },
    set(session) {
      if (session) {
        memory = { accessToken: session.accessToken, accessTokenExpiresAt: session.accessTokenExpiresAt };
        const { id, email, name, createdAt } = session.user;
        storage.setItem(PROFILE_KEY, JSON.stringify({ id, email, name, createdAt }));
      } else {
        memory = null;
        storage.removeItem(PROFILE_KEY);
      }
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
