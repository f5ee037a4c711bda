// Test fixture: Hocuspocus 3.4 on PORT (hooks in hocuspocus-hooks.ts) and, with
// REDIS_URL set, its Redis extension for several instances.
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Extension } from '@hocuspocus/server';
import { readFixtureEnv } from './fixture-env.js';
import { hocuspocusHooks } from './hocuspocus-hooks.js';

const env = readFixtureEnv(process.env);
const extensions: Extension[] = [];
if (env.redisUrl) {
  const redis = new URL(env.redisUrl);
  extensions.push(new Redis({ host: redis.hostname, port: Number(redis.port || 6379), prefix: `${env.redisPrefix}hocuspocus` }));
}

const server: Server = new Server({
  port: env.port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions,
  ...hocuspocusHooks(env, () => ({ rooms: server.hocuspocus.getDocumentsCount(), connections: server.hocuspocus.getConnectionsCount() })),
});

void server.listen();
