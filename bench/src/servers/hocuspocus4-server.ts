// Test fixture: Hocuspocus 4.x (npm alias @hocuspocus/server-4; it needs Node >= 22)
// on PORT, with the same hooks as the 3.4 fixture. One instance: the 3.4 Redis
// extension does not load into 4.x. `flushDelay: false`: 4.x merges the updates
// that arrive in one event-loop turn into one broadcast by default, and S1's
// observers count writes one message each (with merging they saw a third of them
// and the step was "incomplete"); false is 4.x's documented pre-batching fan-out.
import { Server } from '@hocuspocus/server-4';
import { readFixtureEnv } from './fixture-env.js';
import { hocuspocusHooks } from './hocuspocus-hooks.js';

const env = readFixtureEnv(process.env);

const server: Server = new Server({
  port: env.port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  flushDelay: false,
  ...hocuspocusHooks(env, () => ({ rooms: server.hocuspocus.getDocumentsCount(), connections: server.hocuspocus.getConnectionsCount() })),
});

void server.listen();
