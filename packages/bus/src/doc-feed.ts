import type { Logger } from 'pino';
import { decodeBell } from './bell.js';
import { compareEntryIds, type BusEntry, type EntriesListener, type Subscription, type TrimmedListener } from './document-bus.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis-connection.js';
import type { BusScripts } from './redis-scripts.js';
import { decodeEntry } from './stream-entry.js';

interface Feed {
  documentId: string;
  bell: string;
  listener: EntriesListener;
  onTrimmed: TrimmedListener | undefined;
  /** Last update id delivered; '0' until one is (then every entry that exists is read, with no gap check). */
  lastId: string;
  /** The bell subscription is believed active. */
  subscribed: boolean;
  /** An SSUBSCRIBE is in flight. */
  listening: boolean;
  reading: boolean;
  /** A bell rang (or a page was full) while reading: read again. */
  again: boolean;
  /** A bell rang since the last sweep (the subscription is alive). */
  rang: boolean;
  /** Sweeps in a row without a bell. */
  quiet: number;
  closed: boolean;
}

export interface DocFeeds {
  subscribe(documentId: string, afterId: string, listener: EntriesListener, onTrimmed?: TrimmedListener): Subscription;
  /** Reads every held document's log from where it is (after a reconnect, a resharding, or on the sweep). */
  catchUp(): void;
  close(): void;
}

const PAGE = 1000;
/**
 * A held document's log is also read when no bell rang for a sweep (3 s),
 * again after 6 s of quiet, then every 12 s: a bell lost to a moving
 * slot delays, never drops, an entry; a reconnect reads every log at once.
 */
const SWEEP_MS = 3000;
const QUIET_READ_EVERY = 4;
/** An SSUBSCRIBE unanswered this long (ioredis drops one answered with MOVED) is tried again on the sweep. */
const LISTEN_TIMEOUT_MS = 10_000;

/**
 * Live reading of documents' logs without a blocking read: each append rings
 * the document's sharded pub/sub channel (in its hash tag's slot, so on a
 * cluster only that shard carries it) with the entry and the id before it.
 * A feed that holds that previous id takes the entry from the bell (no read
 * at all); otherwise it reads its log from its position. A position that was
 * trimmed away is reported (`onTrimmed`) rather than skipped silently.
 */
export function createDocFeeds(options: {
  subscriber: RedisClient;
  scripts: BusScripts;
  keys: RedisKeys;
  logger: Logger;
}): DocFeeds {
  const { subscriber, scripts, keys, logger } = options;
  const feeds = new Map<string, Feed>();
  const byBell = new Map<string, Feed>();

  function deliver(feed: Feed, entries: BusEntry[]): void {
    try {
      feed.listener(feed.documentId, entries);
    } catch (error) {
      logger.error({ err: (error as Error).message, docId: feed.documentId }, 'bus listener failed');
    }
  }

  /** Reads the log from the feed's position; `sweeping`: a read that finds entries means their bells were lost. */
  async function read(feed: Feed, sweeping = false): Promise<void> {
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    let missed = false;
    try {
      do {
        feed.again = false;
        const start = feed.lastId === '0' ? '-' : `(${feed.lastId}`;
        const page = await scripts.read(keys.updates(feed.documentId), keys.trimmed(feed.documentId), start, PAGE);
        if (feed.closed) return;
        if (feed.lastId !== '0' && page.trimmed !== '' && compareEntryIds(page.trimmed, feed.lastId) > 0) {
          logger.warn({ docId: feed.documentId, position: feed.lastId, trimmedUpTo: page.trimmed }, 'log trimmed past this reader: reloading');
          feed.lastId = page.trimmed;
          feed.onTrimmed?.(feed.documentId);
        }
        if (page.rows.length === 0) continue;
        missed ||= sweeping;
        const entries = page.rows.map(([id, fields]) => decodeEntry(id.toString(), fields, 'update'));
        feed.lastId = entries[entries.length - 1]!.id;
        if (page.rows.length === PAGE) feed.again = true;
        deliver(feed, entries);
      } while (feed.again && !feed.closed);
    } catch (error) {
      logger.warn({ err: (error as Error).message, docId: feed.documentId }, 'log read failed; retrying on the sweep');
    } finally {
      feed.reading = false;
    }
    if (missed && feed.subscribed && !feed.closed) {
      // A moved slot unsubscribes its channels on the old owner without telling the client: subscribe again.
      logger.info({ docId: feed.documentId }, 'bells missed; subscribing again');
      feed.subscribed = false;
      listen(feed);
    }
  }

  function ring(channel: Buffer, message: Buffer): void {
    const feed = byBell.get(channel.toString());
    if (!feed) return;
    const bell = decodeBell(message);
    if (!bell) {
      logger.warn({ docId: feed.documentId }, 'ignoring a malformed bell');
      return;
    }
    feed.rang = true;
    if (bell.kind === 'awareness') return deliver(feed, [bell.entry]);
    if (feed.reading) {
      feed.again = true;
      return;
    }
    if (compareEntryIds(bell.entry.id, feed.lastId) <= 0) return; // read already
    if (bell.previous === feed.lastId || (bell.previous === '' && feed.lastId === '0')) {
      feed.lastId = bell.entry.id;
      return deliver(feed, [bell.entry]);
    }
    void read(feed);
  }

  /** Subscribes to the feed's bell, then reads what was appended before the subscription took. */
  function listen(feed: Feed): void {
    if (feed.listening) return;
    feed.listening = true;
    let timer: NodeJS.Timeout | undefined;
    const unanswered = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('SSUBSCRIBE unanswered')), LISTEN_TIMEOUT_MS);
    });
    Promise.race([subscriber.ssubscribe(feed.bell), unanswered])
      .then(
        () => {
          if (feed.closed) return;
          feed.subscribed = true;
          void read(feed);
        },
        (error: Error) => logger.warn({ err: error.message, docId: feed.documentId }, 'bell subscription failed; retrying on the sweep'),
      )
      .finally(() => {
        clearTimeout(timer);
        feed.listening = false;
      });
  }

  function catchUp(): void {
    for (const feed of feeds.values()) {
      if (!feed.subscribed) listen(feed);
      void read(feed, true);
    }
  }

  function sweep(): void {
    for (const feed of feeds.values()) {
      if (!feed.subscribed) listen(feed);
      if (feed.rang) {
        feed.rang = false;
        feed.quiet = 0;
        continue;
      }
      feed.quiet += 1;
      if (feed.quiet <= 2 || feed.quiet % QUIET_READ_EVERY === 0) void read(feed, true);
    }
  }

  subscriber.on('smessageBuffer', ring);
  const sweeper = setInterval(sweep, SWEEP_MS);
  sweeper.unref();

  return {
    subscribe(documentId, afterId, listener, onTrimmed) {
      if (feeds.has(documentId)) throw new Error(`document ${documentId} already has a subscriber`);
      const feed: Feed = {
        documentId,
        bell: keys.bell(documentId),
        listener,
        onTrimmed,
        lastId: afterId,
        subscribed: false,
        listening: false,
        reading: false,
        again: false,
        rang: false,
        quiet: 0,
        closed: false,
      };
      feeds.set(documentId, feed);
      byBell.set(feed.bell, feed);
      listen(feed);
      return {
        unsubscribe() {
          if (feeds.get(documentId) !== feed) return;
          feed.closed = true;
          feeds.delete(documentId);
          byBell.delete(feed.bell);
          subscriber.sunsubscribe(feed.bell).catch((error: Error) => logger.debug({ err: error.message }, 'bell unsubscribe failed'));
        },
      };
    },
    catchUp,
    close() {
      clearInterval(sweeper);
      for (const feed of feeds.values()) feed.closed = true;
      feeds.clear();
      byBell.clear();
    },
  };
}
