// One sync process (`pnpm start:sync`): reads the environment, builds the bus,
// store and token service, serves /socket, and drains on SIGTERM.
import { createServer } from 'node:http';
import { createTokenService, resolveJwtSecret } from '@codesync/auth';
import { createBusFor } from '@codesync/bus';
import { ConfigError, loadConfig } from '@codesync/config';
import { createSnapshotStoreFor } from '@codesync/storage';
import { pino } from 'pino';
import { createSyncRuntime } from './runtime.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3001 });
  if (config.redisUrl && !config.jwtSecret) {
    throw new ConfigError(['JWT_SECRET: required when REDIS_URL is set (every instance must share it)']);
  }
  const logger = pino({ level: config.logLevel, base: { service: 'sync' } });
  const bus = createBusFor(config, logger);
  const store = createSnapshotStoreFor(config, logger);
  const tokens = createTokenService({ secret: await resolveJwtSecret(config) });
  const runtime = createSyncRuntime({ bus, store, tokens, logger, defaultMetrics: true });

  const server = createServer((request, response) => {
    if (runtime.handleRequest(request, response)) return;
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { code: 'not_found', message: 'no such route' } }));
  });
  server.on('upgrade', runtime.handleUpgrade);
  server.listen(config.port, () => logger.info({ port: config.port, instance: runtime.instanceId }, 'sync listening'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    server.close();
    await runtime.close();
    await bus.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // One clear line for an operator; configuration errors name every variable.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`codesync sync failed to start: ${message}\n`);
  process.exit(1);
});
