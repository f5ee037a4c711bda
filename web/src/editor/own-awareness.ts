import type { WebsocketProvider } from 'y-websocket';

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/**
 * The stock provider re-sends every awareness change it hears, others' included,
 * and the sync service drops those entries (a socket sets only its own client
 * ids): half of a following pair's upload was echoes (measured in
 * e2e/pairing.e2e.test.ts). Only this client's own state is sent; the server
 * already relays everyone else's.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider, clientId: number): void {
  const stock = provider._awarenessUpdateHandler;
  const own = (changes: AwarenessChanges, origin: unknown): void => {
    const mine = (ids: number[]) => ids.filter((id) => id === clientId);
    const filtered = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
    if (filtered.added.length + filtered.updated.length + filtered.removed.length > 0) stock(filtered, origin);
  };
  provider.awareness.off('update', stock);
  provider.awareness.on('update', own);
  provider._awarenessUpdateHandler = own; // destroy() unsubscribes this one
}
