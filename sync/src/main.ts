// One sync process (`pnpm start:sync`): reads the environment, checks Redis and
// the bucket answer, builds the bus, store and token service, serves /socket,
// and drains on SIGTERM.
import { createServer } from 'node:http';
import { createTokenService, resolveJwtSecret } from '@codesync/auth';
import { createBusFor, pingRedis } from '@codesync/bus';
import { ConfigError, loadConfig } from '@codesync/config';
import { closeServer, createLogger, drainOnSignals, exitOnStartupFailure, listen, reachServices } from '@codesync/process';
import { createSnapshotStoreFor } from '@codesync/storage';
import { createSyncRuntime } from './runtime.js';

/** Sockets the runtime has not closed by then are cut. */
const SOCKET_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3001 });
  if (config.redisUrl && !config.jwtSecret) {
    throw new ConfigError(['JWT_SECRET: required when REDIS_URL is set (every instance must share it)']);
  }
  const logger = createLogger({ service: 'sync', level: config.logLevel });
  const store = createSnapshotStoreFor(config, logger);
  await reachServices(config, { redis: pingRedis, bucket: () => store.check() });
  const bus = createBusFor(config, logger);
  const tokens = createTokenService({ secret: await resolveJwtSecret(config) });
  const runtime = createSyncRuntime({ bus, store, tokens, logger, defaultMetrics: true, limits: config.syncLimits });

  const server = createServer((request, response) => {
    if (runtime.handleRequest(request, response)) return;
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'not_found', message: 'no such route' } }));
  });
  server.on('upgrade', runtime.handleUpgrade);
  const port = await listen(server, config.port);
  logger.info({ port, instance: runtime.instanceId }, 'sync listening');

  // New connections stop at once; the runtime moves clients away and saves rooms.
  drainOnSignals({
    logger,
    drain: async () => {
      const closed = closeServer(server, SOCKET_GRACE_MS);
      await runtime.close();
      await closed;
      await bus.close();
    },
  });
}

main().catch(exitOnStartupFailure('sync'));
