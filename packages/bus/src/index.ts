export * from './document-bus.js';
export { createRedisKeys, type RedisKeys } from './keys.js';
export { createMemoryBus } from './memory-bus.js';
export { createRedisBus, type RedisBusOptions } from './redis-bus.js';
