import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisKeys } from '@codesync/bus';
import { deleteRedisPrefix, describeWithRedis, testRedisPrefix, testServices } from '@codesync/testing';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createMemorySessionCache, createRedisSessionCache, type SessionCache } from './session-cache.js';

function describeStoresContract(name: string, open: () => { cache: SessionCache; limiter: RateLimiter }): void {
  describe(`session cache and rate limiter ${name}`, () => {
    let stores: { cache: SessionCache; limiter: RateLimiter };
    beforeAll(() => {
      stores = open();
    });

    it('remembers an active session but never lets it overwrite a revocation', async () => {
      const { cache } = stores;
      expect(await cache.get('s1')).toBeNull();
      await cache.rememberActive('s1', 'u1', 60_000);
      expect(await cache.get('s1')).toEqual({ state: 'active', userId: 'u1' });
      await cache.markRevoked('s1', 60_000);
      // A reader that loaded the session before the revocation comes back late.
      await cache.rememberActive('s1', 'u1', 60_000);
      expect(await cache.get('s1')).toEqual({ state: 'revoked' });
    });

    it('forgets entries when their time is up', async () => {
      await stores.cache.rememberActive('s2', 'u2', 1);
      await expect.poll(() => stores.cache.get('s2'), { timeout: 2000, interval: 10 }).toBeNull();
    });

    it('allows `limit` hits per window and subject, then says how long to wait', async () => {
      const rule = { bucket: `b${Date.now()}`, limit: 2, windowMs: 30_000 };
      const results = [];
      for (let i = 0; i < 3; i += 1) results.push(await stores.limiter.hit(rule, 'client-a'));
      expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
      expect(results[2]!.retryAfterSeconds).toBeGreaterThan(0);
      expect(results[2]!.retryAfterSeconds).toBeLessThanOrEqual(30);
      expect((await stores.limiter.hit(rule, 'client-b')).allowed).toBe(true);
    });

    it('opens a new window once the old one ends', async () => {
      const rule = { bucket: `w${Date.now()}`, limit: 1, windowMs: 50 };
      expect((await stores.limiter.hit(rule, 'c')).allowed).toBe(true);
      expect((await stores.limiter.hit(rule, 'c')).allowed).toBe(false);
      await expect.poll(async () => (await stores.limiter.hit(rule, 'c')).allowed, { timeout: 2000, interval: 20 }).toBe(true);
    });
  });
}

describeStoresContract('in process', () => ({ cache: createMemorySessionCache(), limiter: createMemoryRateLimiter() }));

// Issue 16, finding 5: the in-process revocation map was only ever swept when full (100 000 entries).
it('sweeps expired in-process entries as it goes, not only when full', async () => {
  const cache = createMemorySessionCache(100_000, 0);
  for (let i = 0; i < 50; i += 1) await cache.markRevoked(`old-${i}`, 1);
  await expect.poll(async () => {
    await cache.markRevoked('new', 60_000);
    return cache.size();
  }, { timeout: 2000, interval: 10 }).toBe(1);
});

describeWithRedis('in Redis', () => {
  const prefix = testRedisPrefix();
  const keys = createRedisKeys(prefix);
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(testServices.redisUrl!);
  });
  afterAll(async () => {
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  });
  describeStoresContract('in Redis', () => ({
    cache: createRedisSessionCache(redis, keys.session),
    limiter: createRedisRateLimiter(redis, keys.rateLimit),
  }));
});
