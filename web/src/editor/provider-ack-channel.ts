import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import type { AckChannel } from './unsynced-tracker';

/**
 * The y-websocket side of the unsynced tracker: sends sync step 1 on the open socket and
 * spots each sync step 2 by peeking at the message before y-websocket's handler reads it.
 */
export function createAckChannel(provider: WebsocketProvider): AckChannel {
  const callbacks = new Set<() => void>();
  const original = provider.messageHandlers[messageSync];
  if (!original) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[messageSync] = (encoder, decoder, ...rest) => {
    const syncType = decoding.peekVarUint(decoder);
    original(encoder, decoder, ...rest);
    if (syncType === syncProtocol.messageYjsSyncStep2) callbacks.forEach((callback) => callback());
  };
  return {
    sendProbe() {
      const ws = provider.ws;
      if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return false;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, provider.doc);
      ws.send(encoding.toUint8Array(encoder));
      return true;
    },
    onStep2(callback) {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
  };
}
