import type { Logger } from 'pino';
import type { DocumentBus } from './document-bus.js';
import { createMemoryBus } from './memory-bus.js';
import { createRedisBus } from './redis-bus.js';

/** Redis streams when REDIS_URL is set, else the in-process bus (one process only). */
export function createBusFor(settings: { redisUrl: string | undefined; redisKeyPrefix: string }, logger: Logger): DocumentBus {
  if (!settings.redisUrl) return createMemoryBus();
  return createRedisBus({ url: settings.redisUrl, keyPrefix: settings.redisKeyPrefix, logger });
}
