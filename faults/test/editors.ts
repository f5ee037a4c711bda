import { waitFor } from '@codesync/testing';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface Editor {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Close codes of this editor's sockets, in order. */
  closes: number[];
  destroy(): void;
}

/** The stock y-websocket client, as the web app uses it (Node `ws`, no BroadcastChannel). */
export function connectEditor(wsBase: string, documentId: string, token: string, options: { maxBackoffMs?: number } = {}): Editor {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${wsBase}/socket`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
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

export interface RawSocket {
  socket: WebSocket;
  /** Resolves with the close code once the socket is closed (by either side). */
  closed: Promise<number>;
  isOpen(): boolean;
}

/** A bare WebSocket on /socket/:documentId, for sending what no real client would. */
export function openRawSocket(wsBase: string, documentId: string, token: string): Promise<RawSocket> {
  const socket = new WebSocket(`${wsBase}/socket/${documentId}?token=${encodeURIComponent(token)}`);
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('error', () => socket.terminate());
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, closed, isOpen: () => socket.readyState === WebSocket.OPEN }));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    socket.once('close', (code) => reject(new Error(`closed before open: ${code}`)));
  });
}

/** Close code of a socket the server refuses (it opens, then closes at once). */
export async function refusalCode(wsBase: string, documentId: string, token: string): Promise<number> {
  const socket = new WebSocket(`${wsBase}/socket/${documentId}?token=${encodeURIComponent(token)}`);
  return new Promise((resolve, reject) => {
    socket.once('close', (code) => resolve(code));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    socket.once('error', reject);
  });
}
