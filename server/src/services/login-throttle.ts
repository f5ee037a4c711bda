import type { RedisClient } from '@codesync/bus';

/**
 * Password guessing against one account, from however many addresses: after
 * `freeFailures` wrong passwords each further one makes the account wait
 * twice as long (1 s, 2 s, 4 s … up to `maxDelayMs`) before the next attempt
 * is even checked. A right password clears the count; so does a quiet day.
 */
export interface LoginThrottle {
  /** Seconds before this account's password may be tried again; 0: now. */
  wait(account: string): Promise<number>;
  failed(account: string): Promise<void>;
  succeeded(account: string): Promise<void>;
}

export interface LoginThrottlePolicy {
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further one doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A count is forgotten this long after the last failure. */
  forgetMs: number;
}

export const defaultLoginThrottlePolicy: LoginThrottlePolicy = { freeFailures: 5, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetMs: 24 * 3600_000 };

/** How long after its `failures`-th failure an account waits. */
export function lockoutMs(failures: number, policy: LoginThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (failures - policy.freeFailures), policy.maxDelayMs);
}

const toSeconds = (ms: number) => (ms <= 0 ? 0 : Math.max(1, Math.ceil(ms / 1000)));

/** Failure count and "locked until" in one hash per account, shared by every API instance. */
export function createRedisLoginThrottle(redis: RedisClient, keyOf: (account: string) => string, policy = defaultLoginThrottlePolicy): LoginThrottle {
  return {
    async wait(account) {
      const until = Number((await redis.hget(keyOf(account), 'until')) ?? 0);
      return toSeconds(until - Date.now());
    },
    async failed(account) {
      const key = keyOf(account);
      const failures = await redis.hincrby(key, 'failures', 1);
      await redis.multi().hset(key, 'until', Date.now() + lockoutMs(failures, policy)).pexpire(key, policy.forgetMs).exec();
    },
    async succeeded(account) {
      await redis.del(keyOf(account));
    },
  };
}

/** In process (embedded); bounded like the other in-process limiters. */
export function createMemoryLoginThrottle(policy = defaultLoginThrottlePolicy, maxEntries = 100_000): LoginThrottle {
  const accounts = new Map<string, { failures: number; until: number; forgetAt: number }>();
  const current = (account: string) => {
    const entry = accounts.get(account);
    if (entry && entry.forgetAt <= Date.now()) accounts.delete(account);
    return accounts.get(account);
  };
  return {
    async wait(account) {
      return toSeconds((current(account)?.until ?? 0) - Date.now());
    },
    async failed(account) {
      const now = Date.now();
      if (accounts.size >= maxEntries) forgetOldest(accounts, now);
      const failures = (current(account)?.failures ?? 0) + 1;
      accounts.set(account, { failures, until: now + lockoutMs(failures, policy), forgetAt: now + policy.forgetMs });
    },
    async succeeded(account) {
      accounts.delete(account);
    },
  };
}

/** Drops forgotten counts, and if none were, the oldest tenth (bounded memory beats a perfect count). */
function forgetOldest(accounts: Map<string, { forgetAt: number }>, now: number): void {
  const before = accounts.size;
  for (const [key, entry] of accounts) if (entry.forgetAt <= now) accounts.delete(key);
  if (accounts.size < before) return;
  let drop = Math.ceil(before / 10);
  for (const key of accounts.keys()) {
    if (drop-- <= 0) break;
    accounts.delete(key);
  }
}
