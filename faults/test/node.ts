import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScryptOptions } from 'node:crypto';
import type { DocumentBus } from '@codesync/bus';
import { loadConfig } from '@codesync/config';
import { startEmbedded } from '@codesync/embedded';
import type { ApiRuntime, ApiRuntimeOptions, RateLimits } from '@codesync/server';
import type { SnapshotStore } from '@codesync/storage';
import type { SyncRuntime, SyncRuntimeOptions } from '@codesync/sync';
import { testLogger } from '@codesync/testing';
import type { Logger } from 'pino';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
  /** The per-account wait after wrong passwords (a timing measurement repeats them on purpose). */
  loginThrottle?: ApiRuntimeOptions['loginThrottle'];
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
  const app = await startEmbedded({
    config,
    logger,
    repoRoot,
    serveWeb: false,
    store: options.store,
    api: {
      passwordCost: options.passwordCost === 'production' ? undefined : (options.passwordCost ?? CHEAP_PASSWORDS),
      rateLimits: options.rateLimits,
      loginThrottle: options.loginThrottle,
    },
    // Several nodes share this process: process-wide metrics stay off.
    sync: { roomGraceMs: 200, defaultMetrics: false, ...options.sync },
  });
  return {
    url: `http://127.0.0.1:${app.port}`,
    wsUrl: `ws://127.0.0.1:${app.port}`,
    port: app.port,
    api: app.api,
    sync: app.sync,
    bus: app.bus,
    server: app.server,
    close: () => app.close(),
  };
}
