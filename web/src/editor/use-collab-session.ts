import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../app/services';
import { createCollabSession, type CollabSession, type CollabUser } from './collab-session';
import type { ConnectionState } from './connection-controller';

/** Opens the document's collaborative session for as long as the component is mounted. */
export function useCollabSession(documentId: string, { id, name }: CollabUser): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const user = { id, name };
    const created = createCollabSession({ documentId, user, fetchToken: () => api.syncToken(documentId) });
    setSession(created);
    created.start();
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [documentId, id, name]);
  return session;
}

const idle: ConnectionState = { status: 'connecting', retryAt: null, detail: null, role: null };
const never = (): (() => void) => () => undefined;

export function useConnectionState(session: Pick<CollabSession, 'controller'> | null): ConnectionState {
  return useSyncExternalStore(session?.controller.subscribe ?? never, () => session?.controller.getState() ?? idle);
}

export function useUnsynced(session: CollabSession | null): boolean {
  return useSyncExternalStore(session?.unsynced.subscribe ?? never, () => session?.unsynced.hasUnsynced() ?? false);
}
