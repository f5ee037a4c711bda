import { Redis } from 'ioredis';
import { startTestRedisCluster } from '@codesync/testing';
import { meterOf, type RedisMeter } from './redis.js';

export interface BenchCluster {
  url: string;
  meter: RedisMeter;
  stop(): Promise<void>;
}

/** A private 3-primary Redis Cluster for one system, metered over all its nodes. */
export async function startBenchCluster(): Promise<BenchCluster> {
  const cluster = await startTestRedisCluster();
  const nodes = cluster.ports.map((port) => new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 }));
  return {
    url: cluster.url,
    meter: meterOf(nodes),
    async stop() {
      for (const node of nodes) node.disconnect();
      await cluster.stop();
    },
  };
}
