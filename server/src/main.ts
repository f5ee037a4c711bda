// The distributed API process (`pnpm start:api`): the only module with side effects.
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createBusFor, pingRedis } from '@codesync/bus';
import { loadConfig } from '@codesync/config';
import { pingDatabase } from '@codesync/db';
import { closeServer, createLogger, drainOnSignals, exitOnStartupFailure, listen, reachServices } from '@codesync/process';
import { createSnapshotStoreFor } from '@codesync/storage';
import { createApiRuntime } from './runtime.js';

/** After SIGTERM, requests in flight get this long before their connections are cut. */
const REQUEST_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3000, host: '0.0.0.0' });
  const logger = createLogger({ service: 'api', level: config.logLevel });
  if (!config.redisUrl) {
    // A single-process development setup: no other instance could read this bus.
    logger.warn('REDIS_URL unset: in-process bus, sessions and rate limits (single instance only)');
  }
  const store = createSnapshotStoreFor(config, logger);
  await reachServices(config, { database: pingDatabase, redis: pingRedis, bucket: () => store.check() });
  const bus = createBusFor(config, logger);
  const runtime = await createApiRuntime({ config, logger, bus, store });
  const server = createAdaptorServer({ fetch: runtime.app.fetch }) as Server;
  const port = await listen(server, config.port, config.host);
  logger.info({ port, mode: config.databaseUrl ? 'postgres' : 'pglite' }, 'api listening');

  // Health turns 503 so the load balancer stops routing here, in-flight requests finish,
  // then the connections to services close.
  drainOnSignals({
    logger,
    drain: async () => {
      runtime.startDraining();
      await closeServer(server, REQUEST_GRACE_MS);
      await Promise.all([runtime.close(), bus.close()]);
    },
  });
}

main().catch(exitOnStartupFailure('api'));
