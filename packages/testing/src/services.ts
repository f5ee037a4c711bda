import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';

/**
 * Real services for integration tests. `pnpm test` uses DATABASE_URL and
 * REDIS_URL where set; without them these suites are skipped (and the global
 * setup says so), and under CI=true a missing service fails the run.
 */
export const testServices = {
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL,
} as const;

export const describeWithPostgres = testServices.databaseUrl ? describe : describe.skip;
export const describeWithRedis = testServices.redisUrl ? describe : describe.skip;
export const describeWithPostgresAndRedis =
  testServices.databaseUrl && testServices.redisUrl ? describe : describe.skip;

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A Redis key prefix of this test's own, so parallel tests and CI runs never collide. */
export function testRedisPrefix(): string {
  return `cstest:${uniqueName('p')}:`;
}
