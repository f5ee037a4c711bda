import { deleteRedisPrefix, describeWithRedis, startTestRedisCluster, testServices } from '@codesync/testing';
import { describe } from 'vitest';

/** The Redis a suite runs on: the machine's server, or a 3-primary cluster started for the suite. */
export interface RedisUnderTest {
  url: string;
  cluster: boolean;
  /** Removes what the suite left (its key prefix), or stops the cluster. */
  release(prefix: string): Promise<void>;
}

/**
 * Declares `suite` twice: on the machine's Redis (skipped without REDIS_URL)
 * and on a real Redis Cluster started in the suite's beforeAll (never skipped:
 * a cluster that cannot start fails the suite).
 */
export function describeOnEachRedis(title: string, suite: (startRedis: () => Promise<RedisUnderTest>) => void): void {
  describeWithRedis(`${title} (Redis)`, () => {
    suite(async () => ({ url: testServices.redisUrl!, cluster: false, release: deleteRedisPrefix }));
  });
  describe(`${title} (Redis Cluster)`, () => {
    suite(async () => {
      const cluster = await startTestRedisCluster();
      return { url: cluster.url, cluster: true, release: () => cluster.stop() };
    });
  });
}
