import type { RedisClient } from '@codesync/bus';

export type CachedSession = { state: 'active'; userId: string } | { state: 'revoked' };

/**
 * A per-request cache of session state in front of the `sessions` table, so
 * an access token costs no database query, yet a revocation acts at once:
 * revoking overwrites the entry, and an "active" entry is only ever written
 * when none exists, so a slow reader can never undo a revocation.
 */
export interface SessionCache {
  get(sessionId: string): Promise<CachedSession | null>;
  rememberActive(sessionId: string, userId: string, ttlMs: number): Promise<void>;
  markRevoked(sessionId: string, ttlMs: number): Promise<void>;
}

const REVOKED = 'revoked';
const ACTIVE = 'active:';

function decode(value: string | null | undefined): CachedSession | null {
  if (value === REVOKED) return { state: 'revoked' };
  if (value?.startsWith(ACTIVE)) return { state: 'active', userId: value.slice(ACTIVE.length) };
  return null;
}

/** Session cache in Redis (distributed: every API instance sees a revocation). */
export function createRedisSessionCache(redis: RedisClient, keyOf: (sessionId: string) => string): SessionCache {
  return {
    async get(sessionId) {
      return decode(await redis.get(keyOf(sessionId)));
    },
    async rememberActive(sessionId, userId, ttlMs) {
      await redis.set(keyOf(sessionId), `${ACTIVE}${userId}`, 'PX', ttlMs, 'NX');
    },
    async markRevoked(sessionId, ttlMs) {
      await redis.set(keyOf(sessionId), REVOKED, 'PX', ttlMs);
    },
  };
}

/**
 * Session cache in process (embedded: there is only one API instance). Expired
 * entries (revocations outlive every access token by a minute, then go) are
 * swept at most every `sweepEveryMs` on a write, and whenever it is full.
 */
export function createMemorySessionCache(maxEntries = 100_000, sweepEveryMs = 60_000): SessionCache & { size(): number } {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let lastSweep = Date.now();

  function read(sessionId: string): string | undefined {
    const entry = entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.value;
    entries.delete(sessionId);
    return undefined;
  }

  function write(sessionId: string, value: string, ttlMs: number): void {
    if (entries.size >= maxEntries || Date.now() - lastSweep >= sweepEveryMs) {
      lastSweep = Date.now();
      sweep(entries, entries.size >= maxEntries);
    }
    entries.set(sessionId, { value, expiresAt: Date.now() + ttlMs });
  }

  return {
    async get(sessionId) {
      return decode(read(sessionId));
    },
    async rememberActive(sessionId, userId, ttlMs) {
      if (read(sessionId) === undefined) write(sessionId, `${ACTIVE}${userId}`, ttlMs);
    },
    async markRevoked(sessionId, ttlMs) {
      write(sessionId, REVOKED, ttlMs);
    },
    size: () => entries.size,
  };
}

/** Drops expired entries, and when `full` and that is not enough the oldest ones (it is only a cache). */
function sweep(entries: Map<string, { expiresAt: number }>, full: boolean): void {
  const now = Date.now();
  for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  if (!full) return;
  const excess = entries.size - Math.floor(entries.size * 0.9);
  let removed = 0;
  for (const key of entries.keys()) {
    if (removed >= excess) break;
    entries.delete(key);
    removed += 1;
  }
}
