import type { RedisClient } from '@codesync/bus';

export interface RateLimitRule {
  /** Name of the counter family, e.g. "auth" or "write". */
  bucket: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
}

/** Fixed-window counters: `limit` hits per `windowMs` per subject (an address or a user). */
export interface RateLimiter {
  hit(rule: RateLimitRule, subject: string): Promise<RateLimitResult>;
}

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

// INCR and the expiry of a new window in one step, so a crash between the two
// never leaves a counter that lives forever.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/** Counters in Redis, shared by every API instance. */
export function createRedisRateLimiter(redis: RedisClient, keyOf: (bucket: string, subject: string) => string): RateLimiter {
  return {
    async hit(rule, subject) {
      const reply = (await redis.eval(HIT_SCRIPT, 1, keyOf(rule.bucket, subject), rule.windowMs)) as [number, number];
      const [count, ttlMs] = reply;
      return { allowed: count <= rule.limit, retryAfterSeconds: toSeconds(ttlMs) };
    },
  };
}

/** Counters in process (embedded). */
export function createMemoryRateLimiter(maxEntries = 100_000): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(rule, subject) {
      const now = Date.now();
      const key = `${rule.bucket}\u0000${subject}`;
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size >= maxEntries) {
          for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        }
        window = { count: 0, resetAt: now + rule.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { allowed: window.count <= rule.limit, retryAfterSeconds: toSeconds(window.resetAt - now) };
    },
  };
}
