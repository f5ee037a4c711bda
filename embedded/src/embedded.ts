import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createBusFor, type DocumentBus } from '@codesync/bus';
import type { AppConfig } from '@codesync/config';
import { listen } from '@codesync/process';
import { createApiRuntime, type ApiRuntime, type ApiRuntimeOptions } from '@codesync/server';
import { createSnapshotStoreFor, type SnapshotStore } from '@codesync/storage';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '@codesync/sync';
import type { Logger } from 'pino';
import { secureDataDir } from './data-dir.js';
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
  api?: Pick<ApiRuntimeOptions, 'passwordCost' | 'rateLimits' | 'loginThrottle'>;
  sync?: Partial<Omit<SyncRuntimeOptions, 'bus' | 'store' | 'tokens' | 'logger'>>;
}

/** What `pnpm start` assumes unless the environment says otherwise: a laptop, reachable from itself only. */
export const EMBEDDED_DEFAULTS = { port: 3000, host: '127.0.0.1', metrics: 'loopback' } as const;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const isMetrics = (url: string) => /^\/(socket|api)\/metrics(\?|$)/.test(url);

/** METRICS=public: anyone; loopback (default): only this machine, even when HOST opens the app to a LAN; off: nobody. */
function metricsRefused(config: AppConfig, request: IncomingMessage): boolean {
  if (!isMetrics(request.url ?? '')) return false;
  if (config.metrics === 'public') return false;
  return config.metrics === 'off' || !LOOPBACK.test(request.socket.remoteAddress ?? '');
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedApp> {
  const { config, logger } = options;
  await secureDataDir(config.dataDir);
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
    if (metricsRefused(config, request)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (url.startsWith('/socket/') && sync.handleRequest(request, response)) return;
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?') || !webListener) {
      void apiListener(request, response);
      return;
    }
    void webListener(request, response);
  });
  server.on('upgrade', sync.handleUpgrade);
  // A laptop: 127.0.0.1 unless HOST opens it (README: a LAN pair).
  const port = await listen(server, config.port, config.host);
  logger.info(
    { port, database: config.databaseUrl ? 'postgres' : 'pglite', bus: config.redisUrl ? 'redis' : 'in-process', dataDir: config.dataDir },
    `CodeSync running on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
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
