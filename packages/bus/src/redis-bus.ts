import { busEventSchema, type BusEvent } from '@codesync/protocol';
import type { Logger } from 'pino';
import { assertOrigin, encodeAwarenessBell } from './bell.js';
import { createDocFeeds } from './doc-feed.js';
import { markersOf, nextEntryId, REVOCATION_TTL_MS, revocationFrom, revocationMarkers, type DocumentBus } from './document-bus.js';
import { createRedisKeys } from './keys.js';
import { createRedisClient, primariesOf } from './redis-connection.js';
import { createRedisRecords } from './redis-records.js';
import { defineBusScripts } from './redis-scripts.js';
import { decodeEntry } from './stream-entry.js';

export interface RedisBusOptions {
  url: string;
  keyPrefix: string;
  logger: Logger;
  /** REDIS_CLUSTER=true: `url` names a node of a Redis Cluster. */
  cluster?: boolean;
  /** Least time between two client time checkpoints (client-times.ts); tests shorten it. */
  clientTimeIntervalMs?: number;
}

/** No command waits longer: a half-open connection fails its commands instead of hanging a room. */
const COMMAND_TIMEOUT_MS = 15_000;

/**
 * The bus on Redis (one server or a cluster): a stream per document for
 * updates (durable until the compactor trims it), whose appends ring the
 * document's sharded pub/sub channel (see doc-feed.ts), awareness on that
 * channel only, pub/sub for control events, and leases. Every per-document
 * key shares the document's hash tag, so each command or script stays in one
 * slot; nothing here needs a key of another slot in the same command.
 */
export function createRedisBus(options: RedisBusOptions): DocumentBus {
  const { logger } = options;
  const target = { url: options.url, cluster: options.cluster ?? false };
  const keys = createRedisKeys(options.keyPrefix);
  const commands = createRedisClient(target, { maxRetriesPerRequest: 3, enableAutoPipelining: true, commandTimeout: COMMAND_TIMEOUT_MS });
  // Bells and events on connections of their own: ioredis takes a connection out of
  // subscriber mode when its last shard channel goes, though a classic one remains.
  const bells = createRedisClient(target, { maxRetriesPerRequest: 3 }, { shardedSubscribers: true });
  const subscriber = createRedisClient(target, { maxRetriesPerRequest: 3 });
  commands.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis commands connection error'));
  bells.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis bell subscriber error'));
  subscriber.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis subscriber error'));
  const scripts = defineBusScripts(commands);
  const feeds = createDocFeeds({ subscriber: bells, scripts, keys, logger });
  // Bells sent while the subscriber was away are read from the logs.
  bells.on('ready', () => feeds.catchUp());
  const eventListeners = new Set<(event: BusEvent) => void>();
  let subscribed = false;

  async function markerTimes(markers: string[]): Promise<Map<string, number>> {
    const names = markers.map((marker) => keys.revocation(marker));
    // Every socket's join reads these, twice: one MGET on one server. On a cluster the
    // markers hash to different slots, so one GET each there (auto-pipelined).
    const values = target.cluster ? await Promise.all(names.map((key) => commands.get(key))) : await commands.mget(names);
    const times = new Map<string, number>();
    markers.forEach((marker, index) => {
      const value = values[index];
      if (value !== null && value !== undefined) times.set(marker, Number(value));
    });
    return times;
  }

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
    ...createRedisRecords(commands, keys, options.clientTimeIntervalMs),
    async appendUpdate(documentId, update, origin) {
      assertOrigin(origin);
      return scripts.append(keys.updates(documentId), keys.bell(documentId), origin, update);
    },
    async publishAwareness(documentId, update, origin) {
      assertOrigin(origin);
      await commands.spublish(keys.bell(documentId), encodeAwarenessBell(origin, update));
    },
    async readUpdates(documentId, afterId = '0') {
      const start = afterId === '0' ? '-' : `(${afterId}`;
      const rows = await commands.xrangeBuffer(keys.updates(documentId), start, '+');
      return rows.map(([id, fields]) => decodeEntry(id.toString(), fields, 'update'));
    },
    updateCount: (documentId) => commands.xlen(keys.updates(documentId)),
    async trimUpdates(documentId, uptoId) {
      await scripts.trim(keys.updates(documentId), keys.trimmed(documentId), nextEntryId(uptoId));
    },
    async documentsWithUpdates() {
      const documents: string[] = [];
      // A cluster's keys are spread over its primaries: scan each.
      for (const node of primariesOf(commands)) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', keys.updatesPattern(), 'COUNT', 1000);
          cursor = next;
          // A trimmed stream stays as an empty key: count only those with entries.
          const lengths = await Promise.all(found.map((key) => commands.xlen(key)));
          found.forEach((key, index) => {
            const documentId = keys.documentOfUpdates(key);
            if (documentId !== undefined && (lengths[index] ?? 0) > 0) documents.push(documentId);
          });
        } while (cursor !== '0');
      }
      return documents;
    },
    async deleteDocument(documentId) {
      // Every key of the document shares its hash tag: one DEL, one slot.
      await commands.del(
        keys.updates(documentId),
        keys.trimmed(documentId),
        keys.clients(documentId),
        keys.clientTimes(documentId),
        keys.setAside(documentId),
        keys.saved(documentId),
      );
    },
    subscribe: (documentId, afterId, listener, onTrimmed) => feeds.subscribe(documentId, afterId, listener, onTrimmed),
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
      return revocationFrom(query, await markerTimes(markersOf(query).map(([, marker]) => marker)));
    },
    markerTimes,
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
    acquireLease: (name, holder, ttlMs) => scripts.lease(keys.lease(name), holder, ttlMs),
    releaseLease: (name, holder) => scripts.release(keys.lease(name), holder),
    async check() {
      await commands.ping();
    },
    async close() {
      feeds.close();
      bells.disconnect();
      subscriber.disconnect();
      await commands.quit().catch(() => commands.disconnect());
    },
  };
}
