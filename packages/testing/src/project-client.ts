import { TREE_NOTICE_MESSAGE } from '@codesync/protocol';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface ProjectClient {
  provider: WebsocketProvider;
  doc: Y.Doc;
  /** Close codes of this client's sockets, in order. */
  closes: number[];
  /** Tree versions announced to this client, in order. */
  versions: number[];
  /** Other clients' presence states. */
  others(): Record<string, unknown>[];
  destroy(): void;
}

/** The project socket as the web app opens it: a stock provider with a handler for tree notices. */
export function connectProjectClient(wsBase: string, projectId: string, token: string): ProjectClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsBase}/socket/project`, projectId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const client: ProjectClient = {
    provider,
    doc,
    closes: [],
    versions: [],
    others: () => [...provider.awareness.getStates().entries()].filter(([id]) => id !== doc.clientID).map(([, state]) => state),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.messageHandlers[TREE_NOTICE_MESSAGE] = (_encoder, decoder: decoding.Decoder) => {
    client.versions.push(decoding.readVarUint(decoder));
  };
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event) client.closes.push(event.code);
  });
  return client;
}
