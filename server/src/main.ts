// The distributed API process (`pnpm start:api`): the only module with side effects.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createBusFor } from '@codesync/bus';
import { ConfigError, loadConfig, type AppConfig } from '@codesync/config';
import { createSnapshotStoreFor } from '@codesync/storage';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import { createApiRuntime } from './runtime.js';

const DRAIN_TIMEOUT_MS = 10_000;

interface Drainable {
  server: Server;
  logger: Logger;
  startDraining(): void;
  close(): Promise<unknown>;
}

/**
 * SIGTERM (ECS stopping the task) or SIGINT: health turns 503, the listener
 * closes, idle keep-alive connections go, in-flight requests finish (cut
 * after DRAIN_TIMEOUT_MS), then connections to services close and the process exits 0.
 */
function drainOnSignals({ server, logger, startDraining, close }: Drainable): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'draining: finishing in-flight requests');
    startDraining();
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS).unref();
    server.close(() => {
      clearTimeout(force);
      close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'error while closing');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env, { port: 3000 });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  if (!config.redisUrl) {
    // A single-process development setup: no other instance could read this bus.
    logger.warn('REDIS_URL unset: in-process bus, sessions and rate limits (single instance only)');
  }
  const bus = createBusFor(config, logger);
  const store = createSnapshotStoreFor(config, logger);
  const runtime = await createApiRuntime({ config, logger, bus, store });
  const server = serve({ fetch: runtime.app.fetch, port: config.port }, (info) => {
    logger.info({ port: info.port, mode: config.databaseUrl ? 'postgres' : 'pglite' }, 'api listening');
  }) as Server;

  drainOnSignals({ server, logger, startDraining: runtime.startDraining, close: () => Promise.all([runtime.close(), bus.close()]) });
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
