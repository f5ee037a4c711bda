// Test fixture: Hocuspocus 4.x (npm alias @hocuspocus/server-4; it needs Node >= 22)
// on PORT, with the same hooks as the 3.4 fixture. One instance: the 3.4 Redis
// extension does not load into 4.x.
import { Server } from '@hocuspocus/server-4';
import { readFixtureEnv } from './fixture-env.js';
import { hocuspocusHooks } from './hocuspocus-hooks.js';

const env = readFixtureEnv(process.env);

const server: Server = new Server({
  port: env.port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  ...hocuspocusHooks(env, () => ({ rooms: server.hocuspocus.getDocumentsCount(), connections: server.hocuspocus.getConnectionsCount() })),
});

void server.listen();
