import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createBusFor, type DocumentBus } from '@codesync/bus';
import type { AppConfig } from '@codesync/config';
import { listen } from '@codesync/process';
import { createApiRuntime, type ApiRuntime, type ApiRuntimeOptions } from '@codesync/server';
import { createSnapshotStoreFor, type SnapshotStore } from '@codesync/storage';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '@codesync/sync';
import type { Logger } from 'pino';
import { createWebApp, ensureWebBuild } from './web-assets.js';

export interface EmbeddedApp {
  server: Server;
  port: number;
  api: ApiRuntime;
  sync: SyncRuntime;
  bus: DocumentBus;
  /** Drains: sockets moved away, snapshots flushed, database closed. */
  close(): Promise<void>;
}

/**
 * The all-in-one process: the API, the sync service and the web app on one
 * port, sharing one bus and one snapshot store (in process and on disk unless
 * REDIS_URL / S3_BUCKET / DATABASE_URL say otherwise).
 */
export interface EmbeddedOptions {
  config: AppConfig;
  logger: Logger;
  repoRoot: string;
  /** Skip the web app (API and sync only), e.g. for tests that need no browser. */
  serveWeb?: boolean;
  /** A snapshot store to use instead of the one `config` names (tests: a store they stop). */
  store?: SnapshotStore;
  /** Test knobs passed through to the runtimes (password cost, rate limits, grace times). */
  api?: Pick<ApiRuntimeOptions, 'passwordCost' | 'rateLimits'>;
  sync?: Partial<Omit<SyncRuntimeOptions, 'bus' | 'store' | 'tokens' | 'logger'>>;
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedApp> {
  const { config, logger } = options;
  const bus = createBusFor(config, logger);
  const store = options.store ?? createSnapshotStoreFor(config, logger);
  const api = await createApiRuntime({ config, logger, bus, store, ...options.api });
  const sync = createSyncRuntime({ bus, store, tokens: api.tokens, logger, defaultMetrics: true, limits: config.syncLimits, ...options.sync });
  const apiListener = getRequestListener(api.app.fetch);
  const dist = config.webDist ?? path.join(options.repoRoot, 'web', 'dist');
  const webListener =
    options.serveWeb !== false && ensureWebBuild(dist, options.repoRoot, logger)
      ? getRequestListener(createWebApp(dist).fetch)
      : undefined;

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/socket/') && sync.handleRequest(request, response)) return;
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?') || !webListener) {
      void apiListener(request, response);
      return;
    }
    void webListener(request, response);
  });
  server.on('upgrade', sync.handleUpgrade);
  // Embedded mode listens on every interface (a laptop); with port 0 (tests) only on loopback.
  const port = await listen(server, config.port, config.port === 0 ? '127.0.0.1' : undefined);
  logger.info(
    { port, database: config.databaseUrl ? 'postgres' : 'pglite', bus: config.redisUrl ? 'redis' : 'in-process', dataDir: config.dataDir },
    `CodeSync running on http://localhost:${port}`,
  );

  return {
    server,
    port,
    api,
    sync,
    bus,
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
