import path from 'node:path';
import type { Logger } from 'pino';
import type { DocumentBus } from './document-bus.js';
import { createFileLogPersistence } from './log-files.js';
import { createMemoryBus } from './memory-bus.js';
import { createRecordFiles } from './record-files.js';
import { createRedisBus } from './redis-bus.js';

/**
 * Redis streams when REDIS_URL is set (a Redis Cluster with REDIS_CLUSTER=true),
 * else the in-process bus (one process only), whose update logs are kept under
 * `DATA_DIR/log` across restarts.
 */
export function createBusFor(
  settings: { redisUrl: string | undefined; redisCluster: boolean; redisKeyPrefix: string; dataDir: string },
  logger: Logger,
): DocumentBus {
  if (!settings.redisUrl) {
    const directory = path.join(settings.dataDir, 'log');
    return createMemoryBus({ persistence: createFileLogPersistence(directory), records: createRecordFiles(directory) });
  }
  return createRedisBus({ url: settings.redisUrl, cluster: settings.redisCluster, keyPrefix: settings.redisKeyPrefix, logger });
}
