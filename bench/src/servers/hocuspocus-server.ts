// Test fixture: Hocuspocus 3.4 on PORT, checking the same document tokens as
// CodeSync, storing each document in a file (debounced, as its database
// extensions do), and with REDIS_URL set, its Redis extension for several instances.
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { readFixtureEnv } from './fixture-env.js';

const env = readFixtureEnv(process.env);
const extensions: Extension[] = [];
if (env.redisUrl) {
  const redis = new URL(env.redisUrl);
  extensions.push(new Redis({ host: redis.hostname, port: Number(redis.port || 6379), prefix: `${env.redisPrefix}hocuspocus` }));
}

const server = new Server({
  port: env.port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions,
  async onAuthenticate({ token, documentName }) {
    await env.authorize(token, documentName);
  },
  async onLoadDocument({ documentName, document }) {
    const state = env.load(documentName);
    if (state) Y.applyUpdate(document, state);
  },
  async onStoreDocument({ documentName, document }) {
    env.save(documentName, Y.encodeStateAsUpdate(document));
  },
  async onRequest({ request, response }) {
    if (request.url !== '/health') return;
    const body = { rooms: server.hocuspocus.getDocumentsCount(), connections: server.hocuspocus.getConnectionsCount() };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    // Hocuspocus' way of saying "handled": reject with nothing.
    throw null;
  },
});

void server.listen();
