import type { RedisClient } from './redis-connection.js';

/**
 * Appends an update and rings the document's bell in one step: the bell
 * carries the id of the entry before it, so a reader that holds that entry
 * takes the new one straight from the bell, and one that does not reads the
 * log. KEYS: updates stream, bell channel (same hash tag, so same slot).
 * ARGV: origin, data.
 */
const APPEND = `
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local previous = ''
if newest[1] then previous = newest[1][1] end
local id = redis.call('XADD', KEYS[1], '*', 'o', ARGV[1], 'd', ARGV[2])
redis.call('SPUBLISH', KEYS[2], 'u' .. previous .. '\\n' .. id .. '\\n' .. ARGV[1] .. '\\n' .. ARGV[2])
return id`;

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
  append(updatesKey: string, bell: string, origin: string, data: Uint8Array): Promise<string>;
  read(updatesKey: string, trimmedKey: string, start: string, count: number): Promise<{ trimmed: string; rows: Row[] }>;
  trim(updatesKey: string, trimmedKey: string, firstKept: string): Promise<void>;
  lease(key: string, holder: string, ttlMs: number): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
}

interface ScriptCommands {
  csAppend(k1: string, k2: string, origin: string, data: Buffer): Promise<string>;
  csReadBuffer(k1: string, k2: string, start: string, count: number): Promise<[Buffer, Row[]]>;
  csTrim(k1: string, k2: string, firstKept: string): Promise<number>;
  csLease(key: string, holder: string, ttlMs: number): Promise<number>;
  csRelease(key: string, holder: string): Promise<number>;
}

export function defineBusScripts(client: RedisClient): BusScripts {
  client.defineCommand('csAppend', { numberOfKeys: 2, lua: APPEND });
  client.defineCommand('csRead', { numberOfKeys: 2, lua: READ });
  client.defineCommand('csTrim', { numberOfKeys: 2, lua: TRIM });
  client.defineCommand('csLease', { numberOfKeys: 1, lua: LEASE });
  client.defineCommand('csRelease', { numberOfKeys: 1, lua: RELEASE });
  const commands = client as unknown as ScriptCommands;
  const view = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    append: (updatesKey, bell, origin, data) => commands.csAppend(updatesKey, bell, origin, view(data)),
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
