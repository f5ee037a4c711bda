export * from './document-bus.js';
export { createRedisKeys, type RedisKeys } from './keys.js';
export { createMemoryBus } from './memory-bus.js';
export { createRedisBus, type RedisBusOptions } from './redis-bus.js';
export { readDocumentState, trimBoundary, TRIM_LAG_MS, type DocumentState, type SnapshotSource } from './document-state.js';
export { createBusFor } from './from-config.js';
export { createFileLogPersistence, type LogPersistence } from './log-files.js';
export { pingRedis } from './redis-probe.js';
export { createRedisClient, primariesOf, type RedisClient, type RedisTarget } from './redis-connection.js';
