import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './wait-for.js';

export interface Editor {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Close codes of this editor's sockets, in order. */
  closes: number[];
  destroy(): void;
}

/** The stock y-websocket client, as the web app uses it (Node `ws`, no BroadcastChannel). */
export function connectEditor(
  wsBase: string,
  documentId: string,
  token: string,
  options: { maxBackoffMs?: number; connect?: boolean } = {},
): Editor {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${wsBase}/socket`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: options.maxBackoffMs ?? 300,
  });
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    text: doc.getText('content'),
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitSynced(editors: Editor[], timeoutMs = 15_000): Promise<void> {
  await waitFor(() => editors.every((e) => e.provider.synced), { timeoutMs, what: `${editors.length} editors synced` });
}

/** Waits until every editor reads the same text, and returns it. */
export async function waitConverged(editors: Editor[], timeoutMs = 20_000): Promise<string> {
  await waitFor(() => new Set(editors.map((e) => e.text.toString())).size === 1, {
    timeoutMs,
    what: `${editors.length} editors to converge`,
  });
  return editors[0]?.text.toString() ?? '';
}
