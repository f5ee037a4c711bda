import { useSyncExternalStore } from 'react';
import { createApiClient } from '../api/api-client';
import { createSessionStore, type Session } from '../api/session-store';
import { browserLock } from '../api/token-refresher';

/** The app's single session store and API client, shared by every page. */
export const sessionStore = createSessionStore(window.localStorage, window);
export const api = createApiClient({ store: sessionStore, lock: browserLock() });

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
