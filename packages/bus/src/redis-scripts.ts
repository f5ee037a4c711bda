import type { RedisClient } from './redis-connection.js';

/** Redis's own clock in milliseconds (one clock for every instance's claims). */
const NOW_MS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

/**
 * Appends an update and, when another bus holds the document, rings its bell
 * in the same step: the bell carries the id of the entry before it, so a
 * reader that holds that entry takes the new one straight from the bell, and
 * one that does not reads the log. The appender learns both ids from the
 * answer, so a bus alone with a document never hears its own bell.
 * KEYS: updates stream, bell channel, holders (one hash tag, so one slot).
 * ARGV: origin, data, the appending bus's holder id. Returns {id, previous}.
 */
const APPEND = `${NOW_MS}
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local previous = ''
if newest[1] then previous = newest[1][1] end
local id = redis.call('XADD', KEYS[1], '*', 'o', ARGV[1], 'd', ARGV[2])
local holders = redis.call('HGETALL', KEYS[3])
for i = 1, #holders, 2 do
  if holders[i] ~= ARGV[3] and tonumber(holders[i + 1]) > now then
    redis.call('SPUBLISH', KEYS[2], 'u' .. previous .. '\\n' .. id .. '\\n' .. ARGV[1] .. '\\n' .. ARGV[2])
    break
  end
end
return {id, previous}`;

/**
 * Claims (or renews) a bus's hold on a document until now + ARGV[2] ms by
 * Redis's clock, dropping expired claims; the hash lives a little longer
 * than its newest claim. KEYS: holders. ARGV: holder id, ttl ms.
 */
const HOLD = `${NOW_MS}
local holders = redis.call('HGETALL', KEYS[1])
for i = 1, #holders, 2 do
  if tonumber(holders[i + 1]) <= now then redis.call('HDEL', KEYS[1], holders[i]) end
end
redis.call('HSET', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[2]))
return 1`;

/** Entries after a position, with the last trimmed id. KEYS: updates, trim marker. ARGV: XRANGE start, count. */
const READ = `
return {redis.call('GET', KEYS[2]) or '', redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])}`;

/**
 * Trims entries before ARGV[1] and records the last one removed, so a reader
 * whose position was among them can tell. KEYS: updates, trim marker.
 */
const TRIM = `
local last = redis.call('XREVRANGE', KEYS[1], '(' .. ARGV[1], '-', 'COUNT', 1)
if last[1] == nil then return 0 end
redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
redis.call('SET', KEYS[2], last[1][1])
return 1`;

/** Renewing our own lease is allowed; taking someone else's is not. */
const LEASE = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type Row = [Buffer, Buffer[]];

/** The bus's scripts, sent by SHA once loaded (ioredis falls back to EVAL on NOSCRIPT, on every node). */
export interface BusScripts {
  append(keys: { updates: string; bell: string; holders: string }, holder: string, origin: string, data: Uint8Array): Promise<{ id: string; previous: string }>;
  hold(holdersKey: string, holder: string, ttlMs: number): Promise<void>;
  unhold(holdersKey: string, holder: string): Promise<void>;
  read(updatesKey: string, trimmedKey: string, start: string, count: number): Promise<{ trimmed: string; rows: Row[] }>;
  trim(updatesKey: string, trimmedKey: string, firstKept: string): Promise<void>;
  lease(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
}

interface ScriptCommands {
  csAppend(k1: string, k2: string, k3: string, origin: string, data: Buffer, holder: string): Promise<[string, string]>;
  csHold(key: string, holder: string, ttlMs: number): Promise<number>;
  csReadBuffer(k1: string, k2: string, start: string, count: number): Promise<[Buffer, Row[]]>;
  csTrim(k1: string, k2: string, firstKept: string): Promise<number>;
  csLease(key: string, holder: string, ttlMs: number): Promise<number>;
  csRelease(key: string, holder: string): Promise<number>;
}

export function defineBusScripts(client: RedisClient): BusScripts {
  client.defineCommand('csAppend', { numberOfKeys: 3, lua: APPEND });
  client.defineCommand('csHold', { numberOfKeys: 1, lua: HOLD });
  client.defineCommand('csRead', { numberOfKeys: 2, lua: READ });
  client.defineCommand('csTrim', { numberOfKeys: 2, lua: TRIM });
  client.defineCommand('csLease', { numberOfKeys: 1, lua: LEASE });
  client.defineCommand('csRelease', { numberOfKeys: 1, lua: RELEASE });
  const commands = client as unknown as ScriptCommands;
  const view = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    async append(keys, holder, origin, data) {
      const [id, previous] = await commands.csAppend(keys.updates, keys.bell, keys.holders, origin, view(data), holder);
      return { id, previous };
    },
    async hold(holdersKey, holder, ttlMs) {
      await commands.csHold(holdersKey, holder, ttlMs);
    },
    async unhold(holdersKey, holder) {
      await client.hdel(holdersKey, holder);
    },
    async read(updatesKey, trimmedKey, start, count) {
      const [trimmed, rows] = await commands.csReadBuffer(updatesKey, trimmedKey, start, count);
      return { trimmed: trimmed.toString(), rows };
    },
    async trim(updatesKey, trimmedKey, firstKept) {
      await commands.csTrim(updatesKey, trimmedKey, firstKept);
    },
    lease: async (key, holder, ttlMs) => (await commands.csLease(key, holder, ttlMs)) === 1,
    async release(key, holder) {
      await commands.csRelease(key, holder);
    },
  };
}
