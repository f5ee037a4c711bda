import { CLIENT_TIME_INTERVAL_MS, parseTimes } from './client-times.js';
import { SET_ASIDE_MAX_ITEMS, type ClientBinding, type DocumentRecords } from './document-records.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis-connection.js';

/**
 * Client bindings, their times and set-aside items on Redis: one hash each
 * per document, under the document's hash tag. Every command or script
 * touches keys of that one slot, so they work unchanged on a Redis Cluster.
 */
export function createRedisRecords(commands: RedisClient, keys: RedisKeys, clientTimeIntervalMs = CLIENT_TIME_INTERVAL_MS): DocumentRecords {
  return {
    async bindClients(documentId, userId, runs) {
      const args = [...runs].flatMap(([client, run]) => [String(client), String(run.first), String(run.last)]);
      const keyArgs = [keys.clients(documentId), keys.clientTimes(documentId)];
      const values = (await commands.eval(BIND_SCRIPT, 2, ...keyArgs, userId, clientTimeIntervalMs, ...args)) as string[];
      const result = new Map<number, ClientBinding>();
      [...runs.keys()].forEach((client, index) => result.set(client, parseBinding(values[2 * index]!, values[2 * index + 1])));
      return result;
    },
    async raiseClientClocks(documentId, clocks) {
      if (clocks.size === 0) return;
      const args = [...clocks].flatMap(([client, clock]) => [String(client), String(clock)]);
      await commands.eval(RAISE_SCRIPT, 1, keys.clients(documentId), ...args);
    },
    async clientBindings(documentId) {
      const [all, times] = await Promise.all([commands.hgetall(keys.clients(documentId)), commands.hgetall(keys.clientTimes(documentId))]);
      return new Map(Object.entries(all).map(([client, value]) => [Number(client), parseBinding(value, times[client])]));
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
  };
}

/** `<clock> <userId>`: the clock first, so a user id may hold any character. Times: client-times.ts. */
function parseBinding(value: string, times: string | undefined): ClientBinding {
  const space = value.indexOf(' ');
  return { clock: Number(value.slice(0, space)), userId: value.slice(space + 1), times: parseTimes(times) };
}

/**
 * KEYS: clients, client times. ARGV: userId, interval ms, then client, first
 * clock, last clock per client. Times come from Redis's own clock, so every
 * instance stamps alike. Returns binding and times per client.
 */
const BIND_SCRIPT = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local stamp = now[1] .. string.format('%03d', math.floor(tonumber(now[2]) / 1000))
local result = {}
for i = 3, #ARGV, 3 do
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
  local times = redis.call('HGET', KEYS[2], client) or ''
  if mine then
    local newestClock, newestAt = string.match(times, '(%d+):(%d+)$')
    if newestAt == nil or (ms - tonumber(newestAt) >= tonumber(ARGV[2]) and tonumber(first) > tonumber(newestClock)) then
      if times ~= '' then times = times .. ',' end
      times = times .. first .. ':' .. stamp
      redis.call('HSET', KEYS[2], client, times)
    end
  end
  result[#result + 1] = current
  result[#result + 1] = times
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

const SET_ASIDE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;
