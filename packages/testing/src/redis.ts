import { Redis } from 'ioredis';
import { testServices } from './services.js';

/** Deletes every key under `prefix` (tests own their prefix; the shared Redis is left as found). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const url = testServices.redisUrl;
  if (!url) return;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
