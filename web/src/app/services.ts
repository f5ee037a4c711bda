import { useSyncExternalStore } from 'react';
import { createApiClient } from '../api/api-client';
import { createSessionStore, type Session } from '../api/session-store';
import { browserLock } from '../api/token-refresher';
import { findOfflineCopies, removeOfflineCopies } from '../account/offline-copies';
import { navigate } from '../router/router';

/** The app's single session store and API client, shared by every page. */
export const sessionStore = createSessionStore(window.localStorage, window);
export const api = createApiClient({ store: sessionStore, lock: browserLock() });

let signingOut = false;

/**
 * Signing out on purpose, unlike a session revoked elsewhere, needs no "your session ended".
 * With `removeOfflineCopies` this browser's copies of the account's documents go too (after
 * the editor has let go of them).
 */
export async function signOut(options: { removeOfflineCopies?: boolean } = {}): Promise<void> {
  const userId = sessionStore.get()?.user.id;
  signingOut = true;
  try {
    await api.logout().catch((error: unknown) => {
      // Offline: the server ends the session when its refresh cookie expires; this browser forgets it now.
      console.warn('codesync: sign-out could not reach the server', error);
    });
  } finally {
    navigate('/', { replace: true });
  }
  if (userId && options.removeOfflineCopies) await removeOfflineCopies(userId, await findOfflineCopies(userId));
}

/** After the account is gone, or every session ended on purpose: like signing out, copies removed. */
export async function forgetAccount(): Promise<void> {
  const userId = sessionStore.get()?.user.id;
  signingOut = true;
  sessionStore.set(null);
  navigate('/', { replace: true });
  if (userId) await removeOfflineCopies(userId, await findOfflineCopies(userId));
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
