import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EntriesListener, EntryKind, Subscription } from './document-bus.js';
import type { RedisKeys } from './keys.js';
import { decodeEntry } from './stream-entry.js';

interface StreamState {
  documentId: string;
  kind: EntryKind;
  key: string;
  /** Last id delivered; undefined until the starting point is known. */
  lastId: string | undefined;
}

interface DocumentState {
  listener: EntriesListener;
  streams: [StreamState, StreamState];
}

export interface StreamReader {
  subscribe(documentId: string, afterId: string, listener: EntriesListener): Subscription;
  close(): Promise<void>;
}

const BLOCK_MS = 2000;
const COUNT = 1000;

/**
 * One blocking XREAD loop per process over the streams of every document it
 * holds. A change of subscriptions wakes the loop with CLIENT UNBLOCK (sent on
 * the `control` connection), so a new room is read at once, not after BLOCK_MS.
 */
export function createStreamReader(options: {
  url: string;
  keys: RedisKeys;
  logger: Logger;
  control: Redis;
}): StreamReader {
  const { keys, logger, control } = options;
  const connection = new Redis(options.url, { maxRetriesPerRequest: null, enableAutoPipelining: false });
  connection.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis stream reader error'));
  connection.on('close', () => (clientId = undefined));
  const documents = new Map<string, DocumentState>();
  const streamsByKey = new Map<string, StreamState>();
  let clientId: number | undefined;
  /** Generation of the XREAD in flight, or 0 when none is. */
  let reading = 0;
  let generation = 0;
  /** Subscriptions changed since the current read's stream list was built. */
  let dirty = false;
  let closed = false;
  let wake: (() => void) | undefined;

  function interrupt(): void {
    dirty = true;
    wake?.();
    if (reading !== 0) void unblock(reading);
  }

  /** Unblocks read `target`; retries while its XREAD has not reached Redis yet. */
  async function unblock(target: number): Promise<void> {
    for (let attempt = 0; attempt < 100 && reading === target && clientId !== undefined; attempt++) {
      try {
        if (Number(await control.client('UNBLOCK', clientId)) === 1) return;
      } catch (error) {
        logger.debug({ err: (error as Error).message }, 'CLIENT UNBLOCK failed; the read ends at its timeout');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async function startAwarenessAtEnd(stream: StreamState): Promise<void> {
    // Awareness is live only: start after the newest entry that exists now.
    try {
      const newest = await control.xrevrange(stream.key, '+', '-', 'COUNT', 1);
      stream.lastId = newest[0]?.[0] ?? '0-0';
    } catch (error) {
      logger.warn({ err: (error as Error).message, docId: stream.documentId }, 'awareness start unknown; reading from now');
      stream.lastId = '$';
    }
    interrupt();
  }

  function dispatch(key: string, rows: [Buffer, Buffer[]][]): void {
    const stream = streamsByKey.get(key);
    if (!stream || rows.length === 0) return;
    const entries = rows.map(([id, fields]) => decodeEntry(id.toString(), fields, stream.kind));
    stream.lastId = entries[entries.length - 1]?.id ?? stream.lastId;
    const state = documents.get(stream.documentId);
    if (!state) return;
    try {
      state.listener(stream.documentId, entries);
    } catch (error) {
      logger.error({ err: (error as Error).message, docId: stream.documentId }, 'bus listener failed');
    }
  }

  async function readOnce(): Promise<void> {
    dirty = false;
    const ready = [...streamsByKey.values()].filter((s) => s.lastId !== undefined);
    if (ready.length === 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      return;
    }
    clientId ??= Number(await connection.client('ID'));
    if (dirty) return; // the list changed while we asked for the id: rebuild it
    reading = ++generation;
    let result: [Buffer, [Buffer, Buffer[]][]][] | null;
    try {
      result = (await connection.xreadBuffer(
        'COUNT', COUNT, 'BLOCK', BLOCK_MS, 'STREAMS',
        ...ready.map((s) => s.key),
        ...ready.map((s) => s.lastId as string),
      )) as [Buffer, [Buffer, Buffer[]][]][] | null;
    } finally {
      reading = 0;
    }
    for (const [key, rows] of result ?? []) dispatch(key.toString(), rows);
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!closed) {
      try {
        await readOnce();
        failures = 0;
      } catch (error) {
        if (closed) break;
        failures += 1;
        const delay = Math.min(2000, 50 * 2 ** failures);
        logger.warn({ err: (error as Error).message, retryInMs: delay }, 'stream read failed');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  const running = loop();

  return {
    subscribe(documentId, afterId, listener) {
      if (documents.has(documentId)) throw new Error(`document ${documentId} already has a subscriber`);
      const updates: StreamState = { documentId, kind: 'update', key: keys.updates(documentId), lastId: afterId === '0' ? '0-0' : afterId };
      const awareness: StreamState = { documentId, kind: 'awareness', key: keys.awareness(documentId), lastId: undefined };
      const state: DocumentState = { listener, streams: [updates, awareness] };
      documents.set(documentId, state);
      for (const stream of state.streams) streamsByKey.set(stream.key, stream);
      void startAwarenessAtEnd(awareness);
      interrupt();
      return {
        unsubscribe() {
          if (documents.get(documentId) !== state) return;
          documents.delete(documentId);
          for (const stream of state.streams) streamsByKey.delete(stream.key);
          interrupt();
        },
      };
    },
    async close() {
      closed = true;
      interrupt();
      connection.disconnect();
      await running;
    },
  };
}
