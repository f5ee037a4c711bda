import { busEventSchema, type BusEvent } from '@codesync/protocol';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  markersOf,
  nextEntryId,
  REVOCATION_TTL_MS,
  revocationMarkers,
  revokedAfter,
  type DocumentBus,
  type EntriesListener,
} from './document-bus.js';
import { createRedisKeys } from './keys.js';
import { createRedisRecords } from './redis-records.js';
import { decodeEntry } from './stream-entry.js';
import { createStreamReader } from './stream-reader.js';

export interface RedisBusOptions {
  url: string;
  keyPrefix: string;
  logger: Logger;
  /** Awareness entries kept per document stream (they are only ever read live). */
  awarenessMaxLength?: number;
}

const AWARENESS_TTL_MS = 60_000;

/**
 * The bus on Redis: a stream per document for updates (durable until the
 * compactor trims it), a capped stream per document for awareness, pub/sub
 * for control events, and SET NX leases. One blocking reader per process.
 */
export function createRedisBus(options: RedisBusOptions): DocumentBus {
  const { logger } = options;
  const keys = createRedisKeys(options.keyPrefix);
  const awarenessMaxLength = options.awarenessMaxLength ?? 500;
  const redisOptions = { maxRetriesPerRequest: 3, enableAutoPipelining: true, lazyConnect: false } as const;
  const commands = new Redis(options.url, redisOptions);
  const subscriber = new Redis(options.url, { ...redisOptions, enableAutoPipelining: false });
  commands.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis commands connection error'));
  subscriber.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis subscriber error'));
  const reader = createStreamReader({ url: options.url, keys, logger, control: commands });
  const eventListeners = new Set<(event: BusEvent) => void>();
  let subscribed = false;

  subscriber.on('message', (_channel: string, message: string) => {
    let event: BusEvent;
    try {
      event = busEventSchema.parse(JSON.parse(message));
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'ignoring malformed bus event');
      return;
    }
    for (const listener of eventListeners) listener(event);
  });

  return {
    ...createRedisRecords(commands, keys),
    async appendUpdate(documentId, update, origin) {
      const id = await commands.xadd(keys.updates(documentId), '*', 'o', origin, 'd', Buffer.from(update));
      if (id === null) throw new Error('XADD returned no id');
      return id;
    },
    async publishAwareness(documentId, update, origin) {
      const key = keys.awareness(documentId);
      await Promise.all([
        commands.xadd(key, 'MAXLEN', '~', awarenessMaxLength, '*', 'o', origin, 'd', Buffer.from(update)),
        commands.pexpire(key, AWARENESS_TTL_MS),
      ]);
    },
    async readUpdates(documentId, afterId = '0') {
      const start = afterId === '0' ? '-' : `(${afterId}`;
      const rows = await commands.xrangeBuffer(keys.updates(documentId), start, '+');
      return rows.map(([id, fields]) => decodeEntry(id.toString(), fields, 'update'));
    },
    updateCount: (documentId) => commands.xlen(keys.updates(documentId)),
    async trimUpdates(documentId, uptoId) {
      await commands.xtrim(keys.updates(documentId), 'MINID', nextEntryId(uptoId));
    },
    async documentsWithUpdates() {
      const documents: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await commands.scan(cursor, 'MATCH', keys.updatesPattern(), 'COUNT', 1000);
        cursor = next;
        // A trimmed stream stays as an empty key: count only those with entries.
        const lengths = await Promise.all(found.map((key) => commands.xlen(key)));
        found.forEach((key, index) => {
          const documentId = keys.documentOfUpdates(key);
          if (documentId !== undefined && (lengths[index] ?? 0) > 0) documents.push(documentId);
        });
      } while (cursor !== '0');
      return documents;
    },
    async deleteDocument(documentId) {
      await commands.del(keys.updates(documentId), keys.awareness(documentId), keys.clients(documentId), keys.setAside(documentId));
    },
    subscribe(documentId: string, afterId: string, listener: EntriesListener) {
      return reader.subscribe(documentId, afterId, listener);
    },
    async publishEvent(event) {
      const now = Date.now();
      await Promise.all(
        revocationMarkers(event).map((marker) =>
          commands.set(keys.revocation(marker), String(now), 'PX', REVOCATION_TTL_MS),
        ),
      );
      await commands.publish(keys.events(), JSON.stringify(event));
    },
    async revokedBy(query) {
      const markers = markersOf(query);
      const values = await commands.mget(markers.map(([, marker]) => keys.revocation(marker)));
      const index = values.findIndex((value) => value !== null && revokedAfter(query.issuedAtMs, Number(value)));
      return markers[index]?.[0] ?? null;
    },
    async markerTimes(markers) {
      // One GET per marker (auto-pipelined): markers of different documents live in different slots.
      const values = await Promise.all(markers.map((marker) => commands.get(keys.revocation(marker))));
      const times = new Map<string, number>();
      markers.forEach((marker, index) => {
        const value = values[index];
        if (value !== null && value !== undefined) times.set(marker, Number(value));
      });
      return times;
    },
    onEvent(listener) {
      eventListeners.add(listener);
      if (!subscribed) {
        subscribed = true;
        subscriber.subscribe(keys.events()).catch((error: Error) => {
          subscribed = false;
          logger.error({ err: error.message }, 'could not subscribe to bus events');
        });
      }
      return { unsubscribe: () => eventListeners.delete(listener) };
    },
    async acquireLease(name, holder, ttlMs) {
      // Renewing our own lease is allowed; taking someone else's is not.
      const result = await commands.eval(LEASE_SCRIPT, 1, keys.lease(name), holder, ttlMs);
      return result === 1;
    },
    async releaseLease(name, holder) {
      await commands.eval(RELEASE_SCRIPT, 1, keys.lease(name), holder);
    },
    async check() {
      await commands.ping();
    },
    async close() {
      await reader.close();
      subscriber.disconnect();
      await commands.quit().catch(() => commands.disconnect());
    },
  };
}

const LEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
