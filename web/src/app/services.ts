import { useSyncExternalStore } from 'react';
import { createApiClient } from '../api/api-client';
import { createSessionStore, type Session } from '../api/session-store';
import { browserLock } from '../api/token-refresher';
import { navigate } from '../router/router';

/** The app's single session store and API client, shared by every page. */
export const sessionStore = createSessionStore(window.localStorage, window);
export const api = createApiClient({ store: sessionStore, lock: browserLock() });

let signingOut = false;

/** Signing out on purpose, unlike a session revoked elsewhere, needs no "your session ended". */
export async function signOut(): Promise<void> {
  signingOut = true;
  try {
    await api.logout();
  } finally {
    navigate('/', { replace: true });
  }
}

/** Whether the session just ended because the user signed out here (asked once). */
export function takeSignOutIntent(): boolean {
  const intended = signingOut;
  signingOut = false;
  return intended;
}

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
