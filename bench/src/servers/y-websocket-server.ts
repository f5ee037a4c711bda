// Test fixture: the reference `@y/websocket-server` (0.1.1) on PORT, taking the
// same URLs and document tokens as CodeSync, with file persistence so that a
// room unloads when its last client leaves (as it does with y-leveldb).
import { createServer } from 'node:http';
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { readFixtureEnv } from './fixture-env.js';

const env = readFixtureEnv(process.env);
const SOCKET_PATH = /^\/socket\/([\w-]+)$/;

setPersistence({
  provider: null,
  // Synchronous on purpose: setupWSConnection does not wait for bindState.
  bindState(documentId, doc) {
    const state = env.load(documentId);
    if (state) Y.applyUpdate(doc, state);
  },
  async writeState(documentId, doc) {
    env.save(documentId, Y.encodeStateAsUpdate(doc));
  },
});

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const server = createServer((request, response) => {
  const body = request.url === '/health' ? JSON.stringify({ rooms: docs.size, connections: wss.clients.size }) : 'ok';
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
});

server.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const documentId = SOCKET_PATH.exec(url.pathname)?.[1];
  if (!documentId) return socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  env.authorize(url.searchParams.get('token'), documentId).then(
    () => wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request, { docName: documentId })),
    () => wss.handleUpgrade(request, socket, head, (ws) => ws.close(4401, 'unauthorized')),
  );
});

server.listen(env.port, '127.0.0.1');
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close();
  process.exit(0);
});
