import { reasonOf, StartupError } from './startup-failure.js';

/** The services a process is configured with (a subset of AppConfig). */
export interface ServiceSettings {
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  s3?: { bucket: string; endpoint: string | undefined; region: string } | undefined;
}

/** One connection attempt each, throwing the client's own error (see @codesync/db, bus, storage). */
export interface ServiceProbes {
  database?: (url: string) => Promise<void>;
  redis?: (url: string) => Promise<void>;
  bucket?: () => Promise<void>;
}

interface Dependency {
  what: string;
  where: string;
  variable: string;
  /** A reason in this service's own terms, where the generic one would be vague. */
  explain?: (error: unknown) => string | undefined;
}

const PROBE_TIMEOUT_MS = 10_000;

/** `host:port` of a service URL, never its credentials. */
function hostPort(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || defaultPort}`;
}

/** S3's HeadBucket answers 404/403 without a body: the SDK's error says "UnknownError". */
function bucketReason(error: unknown): string | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (status === 404) return 'no such bucket';
  if (status === 403) return 'access denied';
  return undefined;
}

async function reach(dependency: Dependency, probe: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), deadline]);
  } catch (error) {
    const reason = dependency.explain?.(error) ?? reasonOf(error);
    throw new StartupError(`${dependency.what} at ${dependency.where} unreachable (${reason}); check ${dependency.variable}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Before anything is built on them, each configured service answers once or
 * start-up stops with a StartupError naming it, where it was looked for, why
 * it failed and the variable to change. One at a time, in a fixed order, so
 * the line names the first problem.
 */
export async function reachServices(settings: ServiceSettings, probes: ServiceProbes, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const { databaseUrl, redisUrl, s3 } = settings;
  if (databaseUrl && probes.database) {
    const probe = probes.database;
    await reach({ what: 'database', where: hostPort(databaseUrl, 5432), variable: 'DATABASE_URL' }, () => probe(databaseUrl), timeoutMs);
  }
  if (redisUrl && probes.redis) {
    const probe = probes.redis;
    await reach({ what: 'Redis', where: hostPort(redisUrl, 6379), variable: 'REDIS_URL' }, () => probe(redisUrl), timeoutMs);
  }
  if (s3 && probes.bucket) {
    const where = s3.endpoint ?? `AWS ${s3.region}`;
    const dependency = { what: `S3 bucket "${s3.bucket}"`, where, variable: 'S3_BUCKET and S3_ENDPOINT', explain: bucketReason };
    await reach(dependency, probes.bucket, timeoutMs);
  }
}
