import { CLIENT_TIME_INTERVAL_MS, CLIENT_TIME_SLOW_AFTER, parseTimes } from './client-times.js';
import { SET_ASIDE_MAX_ITEMS, type ClientBinding, type DocumentRecords } from './document-records.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis-connection.js';

/**
 * Client bindings, their times and set-aside items on Redis (one hash each
 * per document) and the saved mark (a string), under the document's hash tag. Every command or script
 * touches keys of that one slot, so they work unchanged on a Redis Cluster.
 */
export function createRedisRecords(commands: RedisClient, keys: RedisKeys, clientTimeIntervalMs = CLIENT_TIME_INTERVAL_MS): DocumentRecords {
  return {
    async bindClients(documentId, userId, runs) {
      const args = [...runs].flatMap(([client, run]) => [String(client), String(run.first), String(run.last)]);
      const keyArgs = [keys.clients(documentId), keys.clientTimes(documentId)];
      const values = (await commands.eval(BIND_SCRIPT, 2, ...keyArgs, userId, clientTimeIntervalMs, CLIENT_TIME_SLOW_AFTER, ...args)) as string[];
      const result = new Map<number, ClientBinding>();
      [...runs.keys()].forEach((client, index) => result.set(client, parseBinding(values[index]!)));
      return result;
    },
    async raiseClientClocks(documentId, clocks) {
      if (clocks.size === 0) return;
      const args = [...clocks].flatMap(([client, clock]) => [String(client), String(clock)]);
      await commands.eval(RAISE_SCRIPT, 1, keys.clients(documentId), ...args);
    },
    async clientBindings(documentId) {
      const [all, times] = await Promise.all([commands.hgetall(keys.clients(documentId)), commands.hgetall(keys.clientTimes(documentId))]);
      return new Map(Object.entries(all).map(([client, value]) => [Number(client), { ...parseBinding(value), times: parseTimes(times[client]) }]));
    },
    async setAside(documentId, item) {
      const value = JSON.stringify({ reason: item.reason, at: item.at, data: Buffer.from(item.data).toString('base64') });
      await commands.eval(SET_ASIDE_SCRIPT, 1, keys.setAside(documentId), item.id, value, SET_ASIDE_MAX_ITEMS);
    },
    async setAsideItems(documentId) {
      const all = await commands.hgetall(keys.setAside(documentId));
      return Object.entries(all).map(([id, value]) => {
        const parsed = JSON.parse(value) as { reason: string; at: number; data: string };
        return { id, reason: parsed.reason, at: parsed.at, data: new Uint8Array(Buffer.from(parsed.data, 'base64')) };
      });
    },
    async setAsideIds(documentId) {
      return new Set(await commands.hkeys(keys.setAside(documentId)));
    },
    async markSaved(documentId, mark) {
      await commands.eval(MARK_SAVED_SCRIPT, 1, keys.saved(documentId), mark.versionId, `${mark.upTo} ${mark.crc32}`);
    },
    async savedMark(documentId) {
      const [versionId, upTo, crc] = (await commands.get(keys.saved(documentId)))?.split(' ') ?? [];
      return versionId && upTo && crc ? { versionId, upTo, crc32: Number(crc) } : null;
    },
  };
}

/** `<clock> <userId>`: the clock first, so a user id may hold any character. Times: client-times.ts. */
function parseBinding(value: string): ClientBinding {
  const space = value.indexOf(' ');
  return { clock: Number(value.slice(0, space)), userId: value.slice(space + 1) };
}

/**
 * KEYS: clients, client times. ARGV: userId, interval ms, slow-after count,
 * then client, first clock, last clock per client. Times come from Redis's own
 * clock, so every instance stamps alike. Returns the binding per client (times
 * stay in Redis: the caller, on the accept path, has no use for them).
 */
const BIND_SCRIPT = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local stamp = now[1] .. string.format('%03d', math.floor(tonumber(now[2]) / 1000))
local result = {}
for i = 4, #ARGV, 3 do
  local client, first, last = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local current = redis.call('HGET', KEYS[1], client)
  local mine = current == false
  if mine then
    current = last .. ' ' .. ARGV[1]
    redis.call('HSET', KEYS[1], client, current)
  else
    local space = string.find(current, ' ', 1, true)
    local owner, recorded = string.sub(current, space + 1), tonumber(string.sub(current, 1, space - 1))
    mine = owner == ARGV[1]
    if mine and tonumber(last) > recorded then
      current = last .. ' ' .. owner
      redis.call('HSET', KEYS[1], client, current)
    end
  end
  if mine then
    local times = redis.call('HGET', KEYS[2], client) or ''
    -- Only the tail is searched (a checkpoint is under 30 characters): a long list costs no scan.
    local newestClock, newestAt = string.match(string.sub(times, -48), '(%d+):(%d+)$')
    local interval = tonumber(ARGV[2])
    local due = newestAt == nil or (ms - tonumber(newestAt) >= interval and tonumber(first) > tonumber(newestClock))
    if due and newestAt ~= nil and ms - tonumber(newestAt) < interval * 60 then
      local _, commas = string.gsub(times, ',', ',')
      due = commas + 1 < tonumber(ARGV[3])
    end
    if due then
      if times ~= '' then times = times .. ',' end
      redis.call('HSET', KEYS[2], client, times .. first .. ':' .. stamp)
    end
  end
  result[#result + 1] = current
end
return result`;

const RAISE_SCRIPT = `
for i = 1, #ARGV, 2 do
  local client, clock = ARGV[i], tonumber(ARGV[i + 1])
  local current = redis.call('HGET', KEYS[1], client)
  if current ~= false then
    local space = string.find(current, ' ', 1, true)
    if clock > tonumber(string.sub(current, 1, space - 1)) then
      redis.call('HSET', KEYS[1], client, ARGV[i + 1] .. ' ' .. string.sub(current, space + 1))
    end
  end
end
return 0`;

/** KEYS: saved. ARGV: version id, `<entry id> <crc32>`. Version ids sort as strings: an older version's mark never replaces a newer one's. */
const MARK_SAVED_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, #ARGV[1]) >= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. ARGV[2])
return 1`;

const SET_ASIDE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;
