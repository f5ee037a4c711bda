import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScryptOptions } from 'node:crypto';
import { getRequestListener } from '@hono/node-server';
import { createRedisBus, type DocumentBus } from '@codesync/bus';
import { loadConfig } from '@codesync/config';
import { createApiRuntime, type ApiRuntime, type RateLimits } from '@codesync/server';
import type { SnapshotStore } from '@codesync/storage';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '@codesync/sync';
import { testLogger } from '@codesync/testing';
import type { Logger } from 'pino';

export const FAULTS_JWT_SECRET = 'faults-secret-'.padEnd(48, 'f');
/** scrypt at a fraction of the production cost: same code path, fast tests. */
export const CHEAP_PASSWORDS: ScryptOptions = { N: 1024, r: 8, p: 1 };

export interface NodeOptions {
  databaseUrl: string;
  redis: { url: string; prefix: string };
  store: SnapshotStore;
  logger?: Logger;
  rateLimits?: Partial<RateLimits>;
  /** scrypt cost of new passwords: cheap by default, 'production' for timing measurements. */
  passwordCost?: ScryptOptions | 'production';
  sync?: Partial<Omit<SyncRuntimeOptions, 'bus' | 'store' | 'tokens' | 'logger'>>;
}

/** One API runtime and one sync runtime behind a real HTTP server on a loopback port. */
export interface InProcessNode {
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  port: number;
  api: ApiRuntime;
  sync: SyncRuntime;
  bus: DocumentBus;
  server: Server;
  close(): Promise<void>;
}

/**
 * What `pnpm start` composes, with the distributed adapters (Postgres, Redis
 * under a test prefix, the given snapshot store) and the test's knobs
 * (logger, rate limits, password cost), in this process.
 */
export async function startNode(options: NodeOptions): Promise<InProcessNode> {
  const logger = options.logger ?? testLogger();
  const config = loadConfig(
    {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redis.url,
      REDIS_KEY_PREFIX: options.redis.prefix,
      JWT_SECRET: FAULTS_JWT_SECRET,
      DATA_DIR: path.join(tmpdir(), 'cs-faults-unused'),
      LOG_LEVEL: 'silent',
    },
    { port: 0 },
  );
  const bus = createRedisBus({ url: options.redis.url, keyPrefix: options.redis.prefix, logger });
  const api = await createApiRuntime({
    config,
    logger,
    bus,
    store: options.store,
    passwordCost: options.passwordCost === 'production' ? undefined : (options.passwordCost ?? CHEAP_PASSWORDS),
    rateLimits: options.rateLimits,
  });
  const sync = createSyncRuntime({ bus, store: options.store, tokens: api.tokens, logger, roomGraceMs: 200, ...options.sync });
  const apiListener = getRequestListener(api.app.fetch);
  const server = createServer((request, response) => {
    if (sync.handleRequest(request, response)) return;
    void apiListener(request, response);
  });
  server.on('upgrade', sync.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    api,
    sync,
    bus,
    server,
    async close() {
      api.startDraining();
      await sync.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await bus.close();
    },
  };
}
