import { SET_ASIDE_MAX_ITEMS, type ClientBinding, type DocumentRecords } from './document-records.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis-connection.js';

/**
 * Client bindings and set-aside items on Redis: one hash each per document,
 * under the document's hash tag. Every command touches one key, so they
 * work unchanged on a Redis Cluster.
 */
export function createRedisRecords(commands: RedisClient, keys: RedisKeys): DocumentRecords {
  return {
    async bindClients(documentId, userId, clocks) {
      const args = [...clocks].flatMap(([client, clock]) => [String(client), String(clock)]);
      const values = (await commands.eval(BIND_SCRIPT, 1, keys.clients(documentId), userId, ...args)) as string[];
      const result = new Map<number, ClientBinding>();
      [...clocks.keys()].forEach((client, index) => result.set(client, parseBinding(values[index]!)));
      return result;
    },
    async raiseClientClocks(documentId, clocks) {
      if (clocks.size === 0) return;
      const args = [...clocks].flatMap(([client, clock]) => [String(client), String(clock)]);
      await commands.eval(RAISE_SCRIPT, 1, keys.clients(documentId), ...args);
    },
    async clientBindings(documentId) {
      const all = await commands.hgetall(keys.clients(documentId));
      return new Map(Object.entries(all).map(([client, value]) => [Number(client), parseBinding(value)]));
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

/** `<clock> <userId>`: the clock first, so a user id may hold any character. */
function parseBinding(value: string): ClientBinding {
  const space = value.indexOf(' ');
  return { clock: Number(value.slice(0, space)), userId: value.slice(space + 1) };
}

const BIND_SCRIPT = `
local result = {}
for i = 2, #ARGV, 2 do
  local client, clock = ARGV[i], tonumber(ARGV[i + 1])
  local current = redis.call('HGET', KEYS[1], client)
  if current == false then
    current = ARGV[i + 1] .. ' ' .. ARGV[1]
    redis.call('HSET', KEYS[1], client, current)
  else
    local space = string.find(current, ' ', 1, true)
    local owner, recorded = string.sub(current, space + 1), tonumber(string.sub(current, 1, space - 1))
    if owner == ARGV[1] and clock > recorded then
      current = ARGV[i + 1] .. ' ' .. owner
      redis.call('HSET', KEYS[1], client, current)
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

const SET_ASIDE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;
