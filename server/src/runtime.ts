import { randomUUID, type ScryptOptions } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { createTokenService, resolveJwtSecret, type TokenService } from '@codesync/auth';
import { createRedisClient, createRedisKeys, type DocumentBus, type RedisClient } from '@codesync/bus';
import type { AppConfig } from '@codesync/config';
import { createDatabase, type DatabaseHandle } from '@codesync/db';
import type { SnapshotStore } from '@codesync/storage';
import { createApp, defaultRateLimits, type RateLimits } from './app.js';
import type { ApiRouter } from './openapi/define-route.js';
import { createDocumentService, type DocumentService } from './services/documents.js';
import { createOutbox } from './outbox/outbox.js';
import { createInviteService } from './services/invites.js';
import { createMemberService, createProjectMemberService } from './services/members.js';
import { createProjectFileService } from './services/project-files.js';
import { createProjectService } from './services/projects.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './services/rate-limiter.js';
import { createMemorySessionCache, createRedisSessionCache, type SessionCache } from './services/session-cache.js';
import { createSessionService, type SessionService } from './services/sessions.js';
import { createAccountService, type AccountService } from './services/accounts.js';
import {
  createMemoryLoginThrottle,
  createRedisLoginThrottle,
  defaultLoginThrottlePolicy,
  type LoginThrottle,
  type LoginThrottlePolicy,
} from './services/login-throttle.js';
import { createUserService } from './services/users.js';

const ACCESS_TTL_SECONDS = 15 * 60;
const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export interface ApiRuntimeOptions {
  config: AppConfig;
  logger: Logger;
  /** The process's one bus and snapshot store, shared with the sync runtime when embedded. */
  bus: DocumentBus;
  store: SnapshotStore;
  /** An already open database to use (and not close); by default one is opened from `config`. */
  database?: DatabaseHandle;
  /** scrypt cost for new passwords (tests pass a cheap one). */
  passwordCost?: ScryptOptions;
  rateLimits?: Partial<RateLimits>;
  /** How repeated wrong passwords for one account slow it down (tests use long waits so no timing matters). */
  loginThrottle?: Partial<LoginThrottlePolicy>;
  bodyLimitBytes?: number;
}

export interface ApiRuntime {
  /** Every route under /api. */
  app: ApiRouter;
  /** Reset links (`pnpm admin reset-link`) and pruning, for the admin command and tests. */
  accounts: AccountService;
  sessions: SessionService;
  tokens: TokenService;
  database: DatabaseHandle;
  instanceId: string;
  /** From now on health answers 503 so the load balancer stops routing here; requests are still served. */
  startDraining(): void;
  /** Releases what the runtime opened (database, Redis connection); never the bus or store it was given. */
  close(): Promise<void>;
}

interface SessionStores {
  cache: SessionCache;
  limiter: RateLimiter;
  throttle: LoginThrottle;
  redis: RedisClient | undefined;
}

function createSessionStores(config: AppConfig, logger: Logger, throttlePolicy: LoginThrottlePolicy): SessionStores {
  if (!config.redisUrl) {
    return { cache: createMemorySessionCache(), limiter: createMemoryRateLimiter(), throttle: createMemoryLoginThrottle(throttlePolicy), redis: undefined };
  }
  const redis = createRedisClient(
    { url: config.redisUrl, cluster: config.redisCluster },
    { maxRetriesPerRequest: 2, enableAutoPipelining: true },
  );
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  const keys = createRedisKeys(config.redisKeyPrefix);
  return {
    cache: createRedisSessionCache(redis, keys.session),
    limiter: createRedisRateLimiter(redis, keys.rateLimit),
    throttle: createRedisLoginThrottle(redis, (account) => keys.rateLimit('login-failures', account), throttlePolicy),
    redis,
  };
}

function openDatabase(config: AppConfig, logger: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return createDatabase({
      url: config.databaseUrl,
      onPoolError: (error) => logger.warn({ err: error.message }, 'idle database connection failed'),
    });
  }
  return createDatabase({ dataDir: path.join(config.dataDir, 'db') });
}

/** Folds the compactor's snapshot-saved events into document metadata, one at a time, in order. */
function recordSnapshots(bus: DocumentBus, documents: DocumentService, logger: Logger): { stop(): Promise<void> } {
  let recording = Promise.resolve();
  const subscription = bus.onEvent((event) => {
    if (event.type !== 'snapshot-saved') return;
    recording = recording
      .then(() => documents.recordSnapshot(event))
      .catch((error: unknown) => {
        logger.warn({ err: error, docId: event.documentId }, 'could not record snapshot metadata');
      });
  });
  return {
    async stop() {
      subscription.unsubscribe();
      await recording;
    },
  };
}

/** Ended sessions and used reset links are deleted (any instance may do it; deleting twice is harmless). */
function pruneEveryHour(sessions: SessionService, accounts: AccountService, logger: Logger): NodeJS.Timeout {
  const prune = async () => {
    const [endedSessions, resetLinks] = await Promise.all([sessions.prune(), accounts.prune()]);
    if (endedSessions + resetLinks > 0) logger.info({ endedSessions, resetLinks }, 'pruned');
  };
  const timer = setInterval(() => {
    prune().catch((error: Error) => logger.warn({ err: error.message }, 'pruning failed; will retry'));
  }, 3_600_000);
  timer.unref();
  return timer;
}

function healthProbes(database: DatabaseHandle, redis: RedisClient | undefined, bus: DocumentBus, store: SnapshotStore) {
  return {
    db: () => database.check(),
    redis: async () => {
      if (!redis) return null;
      await Promise.all([redis.ping(), bus.check()]);
    },
    storage: () => store.check(),
  };
}

/**
 * Builds the API: database (migrated), sessions and rate limits (Redis when
 * configured, else in process), token service, and the Hono app. The caller
 * owns the bus and the store and serves `app`.
 */
export async function createApiRuntime(options: ApiRuntimeOptions): Promise<ApiRuntime> {
  const { config, bus, store } = options;
  const instanceId = `api-${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ instance: instanceId });
  const tokens = createTokenService({ secret: await resolveJwtSecret(config), accessTtlSeconds: ACCESS_TTL_SECONDS });
  const database = options.database ?? (await openDatabase(config, logger));
  const stores = createSessionStores(config, logger, { ...defaultLoginThrottlePolicy, ...options.loginThrottle });
  const outbox = createOutbox({ db: database.db, bus, logger });
  const documents = createDocumentService(database.db, outbox);
  const projectLimits = {
    maxFiles: config.limits.projectMaxFiles,
    maxBytes: config.limits.projectMaxBytes,
    maxDocumentsPerUser: config.limits.maxDocumentsPerUser,
  };
  let draining = false;

  const snapshots = recordSnapshots(bus, documents, logger);
  const users = createUserService(database.db, options.passwordCost);
  const sessions = createSessionService({
    db: database.db,
    tokens,
    cache: stores.cache,
    outbox,
    logger,
    sessionTtlMs: SESSION_TTL_SECONDS * 1000,
    accessTtlMs: ACCESS_TTL_SECONDS * 1000,
  });
  const projects = createProjectService(database.db, outbox);
  const accounts = createAccountService({ db: database.db, users, sessions, projects, documents });
  const pruner = pruneEveryHour(sessions, accounts, logger);
  const app = createApp({
    logger,
    users,
    sessions,
    accounts,
    throttle: stores.throttle,
    sessionTtlSeconds: SESSION_TTL_SECONDS,
    documents,
    members: createMemberService(database.db, outbox),
    projects,
    projectFiles: createProjectFileService(database.db, outbox, projectLimits),
    projectMembers: createProjectMemberService(database.db, outbox),
    invites: createInviteService(database.db, outbox),
    projectLimits,
    archiveMaxBytes: config.limits.archiveMaxBytes,
    tokens,
    bus,
    store,
    limiter: stores.limiter,
    rateLimits: { ...defaultRateLimits, ...options.rateLimits },
    health: { isDraining: () => draining, probes: healthProbes(database, stores.redis, bus, store) },
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    origin: `api:${instanceId}`,
    bodyLimitBytes: options.bodyLimitBytes,
  });

  return {
    app,
    accounts,
    sessions,
    tokens,
    database,
    instanceId,
    startDraining: () => {
      draining = true;
    },
    async close() {
      clearInterval(pruner);
      await snapshots.stop();
      await outbox.stop();
      await stores.redis?.quit();
      if (!options.database) await database.close();
    },
  };
}
