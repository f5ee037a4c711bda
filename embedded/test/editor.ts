import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The stock y-websocket client, as a browser tab would use it (Node: `ws`, no BroadcastChannel). */
export function editor(port: number, documentId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/socket`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    text: doc.getText('content'),
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
