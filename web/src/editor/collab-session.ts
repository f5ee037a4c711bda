import { SHARED_TEXT, type SyncTokenDto } from '@codesync/protocol';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBackoff } from './backoff';
import { createConnectionController } from './connection-controller';
import { deleteLocalCopy } from './local-copy';
import { createAckChannel } from './provider-ack-channel';
import { presences, type PresenceUser } from './remote-presence';
import { sendOwnAwarenessOnly } from './own-awareness';
import { createUnsyncedTracker } from './unsynced-tracker';
import { colorForUser, distinctColor, type ColorClaim } from './user-color';

export interface CollabUser {
  id: string;
  name: string;
}

export interface CollabSessionOptions {
  documentId: string;
  user: CollabUser;
  fetchToken: () => Promise<SyncTokenDto>;
  /** Defaults to `/socket` on the page's own host. */
  socketUrl?: string;
}

export function socketUrlForPage(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/socket`;
}

/** IndexedDB name of a document's local copy; per user, so accounts on one browser stay apart. */
export function localStoreName(userId: string, documentId: string): string {
  return `codesync:${userId}:${documentId}`;
}

/**
 * One open document: the Y.Doc, its IndexedDB copy, the y-websocket provider, and the
 * controller deciding when to (re)connect. Knows nothing of Monaco or React.
 */
export function createCollabSession(options: CollabSessionOptions) {
  const { documentId, user, fetchToken } = options;
  const doc = new Y.Doc();
  const text = doc.getText(SHARED_TEXT);
  const persistence = new IndexeddbPersistence(localStoreName(user.id, documentId), doc);
  const provider = new WebsocketProvider(options.socketUrl ?? socketUrlForPage(window.location), documentId, doc, {
    connect: false,
    // Never let y-websocket reconnect by itself: the controller fetches a token first.
    shouldReconnect: () => false,
  });
  sendOwnAwarenessOnly(provider, doc.clientID);
  const awareness = provider.awareness;
  const presence: PresenceUser = { ...user, color: colorForUser(user.id) };
  awareness.setLocalStateField('user', presence);
  const keepColorDistinct = (): void => {
    const others: ColorClaim[] = [];
    presences(awareness.getStates()).forEach(({ user: other }, clientId) => {
      if (clientId !== doc.clientID) others.push({ clientId, userId: other.id, color: other.color });
    });
    const color = distinctColor({ clientId: doc.clientID, userId: user.id }, others);
    if (color !== presence.color) {
      presence.color = color;
      awareness.setLocalStateField('user', { ...presence });
    }
  };
  awareness.on('change', keepColorDistinct);

  const controller = createConnectionController({ transport: provider, fetchToken, backoff: createBackoff() });
  const unsyncedKey = `codesync:unsynced:${user.id}:${documentId}`;
  const unsynced = createUnsyncedTracker({
    doc,
    channel: createAckChannel(provider),
    storage: window.localStorage,
    storageKey: unsyncedKey,
    isLocal: (origin) => origin !== provider && origin !== persistence,
  });

  provider.on('sync', (synced: boolean) => {
    controller.onSynced(synced);
    if (synced) unsynced.onConnected();
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    unsynced.onDisconnected();
    controller.onClose(event?.code ?? null, event?.reason ?? '');
  });
  const onOffline = (): void => controller.onBrowserOffline();
  const onOnline = (): void => controller.onBrowserOnline();
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);

  let closed: Promise<void> | null = null;
  function destroy(): Promise<void> {
    if (closed) return closed;
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    awareness.off('change', keepColorDistinct);
    controller.stop();
    unsynced.destroy();
    provider.destroy();
    closed = persistence.destroy();
    doc.destroy();
    return closed;
  }

  return {
    doc,
    text,
    awareness,
    controller,
    unsynced,
    /** Resolves once the local IndexedDB copy is loaded into the doc. */
    whenLocalLoaded: persistence.whenSynced.then(() => undefined),
    start(): void {
      controller.start();
    },
    destroy(): void {
      void destroy();
    },
    /**
     * After the server refused this device's changes (4413, 4400) they would be sent, and
     * refused, on every connect: forget this device's copy so the next load starts from
     * the server's text. The session is over afterwards; the page reloads.
     */
    async discardLocalCopy(): Promise<void> {
      await destroy();
      window.localStorage.removeItem(unsyncedKey);
      await deleteLocalCopy(localStoreName(user.id, documentId));
    },
  };
}

export type CollabSession = ReturnType<typeof createCollabSession>;
