import { WebSocket } from 'ws';

export { connectEditor, waitConverged, waitSynced, type Editor } from '@codesync/testing';

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
