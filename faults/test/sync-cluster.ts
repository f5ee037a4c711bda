import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisBus, type DocumentBus } from '@codesync/bus';
import { createFileSnapshotStore, type SnapshotStore } from '@codesync/storage';
import { deleteRedisPrefix, testLogger, testRedisPrefix, testServices } from '@codesync/testing';
import { FAULTS_JWT_SECRET } from './node.js';
import { startApp, type AppProcess } from './processes.js';

export interface SyncCluster {
  env: Record<string, string>;
  instances: AppProcess[];
  /** The bus and snapshot store the instances use, read by the test as a cold load would. */
  bus: DocumentBus;
  store: SnapshotStore;
  wsUrl(instance: AppProcess): string;
  /** Starts another instance (on `port` to restart one in place). */
  add(port?: number): Promise<AppProcess>;
  close(): Promise<void>;
}

/** A Redis of the test's own (a Redis Cluster it started); the machine's shared Redis when omitted. */
export interface OwnRedis {
  url: string;
  cluster: boolean;
}

/**
 * `count` real `start:sync` processes on one Redis (a prefix of the test's
 * own) with file snapshots in a shared temporary directory, as a bucket would
 * be shared; `options.env` is added to their environment.
 */
export async function startSyncCluster(count: number, options: { redis?: OwnRedis; env?: Record<string, string> } = {}): Promise<SyncCluster> {
  const { redis, env: extraEnv = {} } = options;
  const prefix = testRedisPrefix();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cs-faults-cluster-'));
  const { url, cluster } = redis ?? { url: testServices.redisUrl!, cluster: false };
  const env = { REDIS_URL: url, REDIS_CLUSTER: String(cluster), REDIS_KEY_PREFIX: prefix, JWT_SECRET: FAULTS_JWT_SECRET, DATA_DIR: dataDir, ...extraEnv };
  const instances: AppProcess[] = [];
  const bus = createRedisBus({ url, cluster, keyPrefix: prefix, logger: testLogger() });
  const store = createFileSnapshotStore(path.join(dataDir, 'snapshots'));
  const add = async (port?: number) => {
    const started = await startApp('sync', env, port);
    instances.push(started);
    return started;
  };
  try {
    await Promise.all(Array.from({ length: count }, () => add()));
  } catch (error) {
    await Promise.all(instances.map((i) => i.kill()));
    throw error;
  }
  return {
    env,
    instances,
    bus,
    store,
    wsUrl: (instance) => `ws://127.0.0.1:${instance.port}`,
    add,
    async close() {
      await Promise.all(instances.map((i) => i.kill()));
      await bus.close();
      if (!redis) await deleteRedisPrefix(prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
