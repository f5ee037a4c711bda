import { isIP } from 'node:net';
import path from 'node:path';
import {
  AWARENESS_STATE_LIMIT_BYTES,
  defaultSocketLimits,
  DOCUMENT_LOG_LIMIT_ENTRIES,
  DOCUMENT_STATE_LIMIT_BYTES,
  DOCUMENT_TEXT_LIMIT_BYTES,
  UPDATE_LIMIT_BYTES,
} from '@codesync/protocol';
import { z } from 'zod';
import { parseEnv } from './parse-env.js';
import { trustProxySchema, type TrustProxy } from './trust-proxy.js';

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false; // not a URL at all: reported by the message below
      }
    },
    { message: `must be a URL with scheme ${protocols.join(' or ')}` },
  );

const HOUR_MS = 3_600_000;
const bytes = z.coerce.number().int().min(1);

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z
  .object({
    PORT: port.optional(),
    DATA_DIR: z.string().default('./.data'),
    DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
    /** Injected separately (e.g. the RDS-managed secret) and spliced into DATABASE_URL. */
    DATABASE_PASSWORD: z.string().optional(),
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    REDIS_CLUSTER: z.enum(['true', 'false']).default('false'),
    REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/).default('cs:'),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
    S3_ENDPOINT: url(['http:', 'https:']).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    AWS_REGION: z.string().default('us-east-1'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    CORS_ORIGINS: z.string().optional(),
    TRUST_PROXY: trustProxySchema,
    HOST: z.string().refine((v) => isIP(v) !== 0 || v === 'localhost', 'must be an IP address (0.0.0.0 for every interface) or localhost').optional(),
    /** The address the web app is reached at, for links the server prints (reset links). */
    PUBLIC_URL: url(['http:', 'https:']).optional(),
    METRICS: z.enum(['public', 'loopback', 'off']).optional(),
    WEB_DIST: z.string().optional(),
    PROJECT_MAX_FILES: z.coerce.number().int().min(1).default(2000),
    PROJECT_MAX_BYTES: z.coerce.number().int().min(1).default(64 * 1024 * 1024),
    MAX_DOCUMENTS_PER_USER: z.coerce.number().int().min(1).default(10_000),
    ARCHIVE_MAX_BYTES: z.coerce.number().int().min(1).default(32 * 1024 * 1024),
    // Sync service limits (README "Limits"); content defaults shared with the web app (@codesync/protocol limits.ts).
    LIMIT_DOCUMENT_TEXT_BYTES: bytes.default(DOCUMENT_TEXT_LIMIT_BYTES),
    LIMIT_DOCUMENT_STATE_BYTES: bytes.default(DOCUMENT_STATE_LIMIT_BYTES),
    LIMIT_UPDATE_BYTES: bytes.default(UPDATE_LIMIT_BYTES),
    LIMIT_AWARENESS_STATE_BYTES: bytes.default(AWARENESS_STATE_LIMIT_BYTES),
    LIMIT_FRAME_BYTES: bytes.default(defaultSocketLimits.frameBytes),
    LIMIT_MESSAGES_PER_SECOND: z.coerce.number().positive().default(defaultSocketLimits.messagesPerSecond),
    LIMIT_MESSAGE_BURST: z.coerce.number().int().min(1).default(defaultSocketLimits.messageBurst),
    LIMIT_SOCKETS_PER_USER: z.coerce.number().int().min(1).default(defaultSocketLimits.socketsPerUser),
    LIMIT_SOCKET_QUEUE_BYTES: bytes.default(defaultSocketLimits.queueBytes),
    LIMIT_LOG_ENTRIES: z.coerce.number().int().min(1).default(DOCUMENT_LOG_LIMIT_ENTRIES),
    HISTORY_KEEP_ALL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
    HISTORY_HOURLY_DAYS: z.coerce.number().positive().max(3650).default(30),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'required when DATABASE_URL is set (all instances must share it)',
      });
    }
    if (env.HISTORY_HOURLY_DAYS * 24 < env.HISTORY_KEEP_ALL_HOURS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HISTORY_HOURLY_DAYS'],
        message: 'must cover at least HISTORY_KEEP_ALL_HOURS (hourly thinning starts where keeping everything ends)',
      });
    }
  });

export type Mode = 'embedded' | 'distributed';

export interface AppConfig {
  port: number;
  /** Listen address: 127.0.0.1 for `pnpm start`, 0.0.0.0 for the services (their images). */
  host: string;
  /** Where /metrics answer: anyone, loopback peers only, or nobody. */
  metrics: 'public' | 'loopback' | 'off';
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** REDIS_CLUSTER=true: REDIS_URL names a node (or the configuration endpoint) of a Redis Cluster. */
  redisCluster: boolean;
  redisKeyPrefix: string;
  s3: { bucket: string; endpoint: string | undefined; region: string; forcePathStyle: boolean } | undefined;
  /** Undefined in embedded mode when unset: the server generates one into DATA_DIR. */
  jwtSecret: string | undefined;
  logLevel: (typeof logLevels)[number];
  corsOrigins: string[];
  trustProxy: TrustProxy;
  webDist: string | undefined;
  limits: {
    /** Files in one project. */
    projectMaxFiles: number;
    /** Sum of one project's file sizes, in bytes. */
    projectMaxBytes: number;
    /** Documents one user owns, standalone and project files together. */
    maxDocumentsPerUser: number;
    /** Largest zip accepted by a project import (compressed bytes). */
    archiveMaxBytes: number;
  };
  /** What the sync service refuses (sync/SPEC.md 21): content over a limit 4413, too many sockets or messages 4429, a frame over the cap 1009. */
  syncLimits: {
    documentTextBytes: number;
    documentStateBytes: number;
    updateBytes: number;
    awarenessStateBytes: number;
    frameBytes: number;
    messagesPerSecond: number;
    messageBurst: number;
    socketsPerUser: number;
    /** Bytes queued to one slow client before it is cut off with 1013. */
    queueBytes: number;
    logEntries: number;
  };
  /** History thinning (packages/storage thinning.ts): every version younger than keepAllMs, one per hour up to hourlyMs, then one per day. */
  retention: { keepAllMs: number; hourlyMs: number };
}

/** Reads the whole environment once at start-up; throws ConfigError naming every bad variable. */
export interface ConfigDefaults {
  port: number;
  /** `pnpm start` (a laptop): 127.0.0.1 and loopback-only metrics; the services: 0.0.0.0 and public metrics (the ALB never routes /metrics). Unset: 127.0.0.1. */
  host?: string;
  metrics?: AppConfig['metrics'];
}

export function loadConfig(env: Record<string, string | undefined>, defaults: ConfigDefaults): AppConfig {
  const parsed = parseEnv(schema, env);
  const host = parsed.HOST ?? defaults.host ?? '127.0.0.1';
  return {
    port: parsed.PORT ?? defaults.port,
    host,
    metrics: parsed.METRICS ?? defaults.metrics ?? 'loopback',
    publicUrl: parsed.PUBLIC_URL?.replace(/\/+$/, ''),
    // Relative to where the user ran `pnpm ...` (pnpm runs scripts in the package's folder).
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), parsed.DATA_DIR),
    databaseUrl: withPassword(parsed.DATABASE_URL, parsed.DATABASE_PASSWORD),
    redisUrl: parsed.REDIS_URL,
    redisCluster: parsed.REDIS_CLUSTER === 'true',
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    s3: parsed.S3_BUCKET
      ? {
          bucket: parsed.S3_BUCKET,
          endpoint: parsed.S3_ENDPOINT,
          region: parsed.AWS_REGION,
          forcePathStyle: parsed.S3_FORCE_PATH_STYLE === 'true' || parsed.S3_ENDPOINT !== undefined,
        }
      : undefined,
    jwtSecret: parsed.JWT_SECRET,
    logLevel: parsed.LOG_LEVEL,
    corsOrigins: parsed.CORS_ORIGINS ? parsed.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    trustProxy: parsed.TRUST_PROXY,
    webDist: parsed.WEB_DIST,
    limits: {
      projectMaxFiles: parsed.PROJECT_MAX_FILES,
      projectMaxBytes: parsed.PROJECT_MAX_BYTES,
      maxDocumentsPerUser: parsed.MAX_DOCUMENTS_PER_USER,
      archiveMaxBytes: parsed.ARCHIVE_MAX_BYTES,
    },
    syncLimits: {
      documentTextBytes: parsed.LIMIT_DOCUMENT_TEXT_BYTES,
      documentStateBytes: parsed.LIMIT_DOCUMENT_STATE_BYTES,
      updateBytes: parsed.LIMIT_UPDATE_BYTES,
      awarenessStateBytes: parsed.LIMIT_AWARENESS_STATE_BYTES,
      frameBytes: parsed.LIMIT_FRAME_BYTES,
      messagesPerSecond: parsed.LIMIT_MESSAGES_PER_SECOND,
      messageBurst: parsed.LIMIT_MESSAGE_BURST,
      socketsPerUser: parsed.LIMIT_SOCKETS_PER_USER,
      queueBytes: parsed.LIMIT_SOCKET_QUEUE_BYTES,
      logEntries: parsed.LIMIT_LOG_ENTRIES,
    },
    retention: {
      keepAllMs: parsed.HISTORY_KEEP_ALL_HOURS * HOUR_MS,
      hourlyMs: parsed.HISTORY_HOURLY_DAYS * 24 * HOUR_MS,
    },
  };
}

/** The URL with `password` set (percent-encoded: managed passwords contain URL characters). */
function withPassword(databaseUrl: string | undefined, password: string | undefined): string | undefined {
  if (!databaseUrl || password === undefined) return databaseUrl;
  const url = new URL(databaseUrl);
  url.password = encodeURIComponent(password);
  return url.toString();
}
