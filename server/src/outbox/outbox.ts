import { and, asc, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { DocumentBus } from '@codesync/bus';
import { outbox, type Database } from '@codesync/db';
import { busEventSchema, type BusEvent } from '@codesync/protocol';
import type { Logger } from 'pino';

/** A transaction handle (or the database itself) the outbox writes through. */
export type Executor = Pick<Database, 'insert'>;

/**
 * Access and tree events are written to the `outbox` table in the same
 * transaction as the change they announce, so a committed change is always
 * announced (at least once) and a rolled-back one never is. The publisher
 * sends unsent rows to the bus in id order and marks them sent.
 */
export interface Outbox {
  /** Records events inside the caller's transaction. */
  add(tx: Executor, events: BusEvent[]): Promise<void>;
  /**
   * Publishes every unsent event now (after a commit, so events go out at once
   * instead of at the next poll). Resolves once this call's pass is done;
   * failures are logged and left for the next pass, never thrown.
   */
  flush(): Promise<void>;
  /** Stops polling and waits for a pass in progress. */
  stop(): Promise<void>;
}

export interface OutboxOptions {
  db: Database;
  bus: DocumentBus;
  logger: Logger;
  /** How often unsent rows are looked for (a safety net; commits flush at once). */
  pollMs?: number;
  batchSize?: number;
  /** Sent rows are kept this long (for inspection), then deleted. */
  keepSentMs?: number;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, bus } = options;
  const logger = options.logger.child({ module: 'outbox' });
  const batchSize = options.batchSize ?? 200;
  const keepSentMs = options.keepSentMs ?? 60 * 60 * 1000;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let stopped = false;
  let lastCleanup = 0;

  /** One batch, under row locks that other instances skip: no event is sent by two publishers at once. */
  async function publishBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: outbox.id, event: outbox.event })
        .from(outbox)
        .where(isNull(outbox.sentAt))
        .orderBy(asc(outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const event = busEventSchema.safeParse(row.event);
        if (event.success) await bus.publishEvent(event.data);
        else logger.error({ outboxId: row.id }, 'outbox row is not a bus event; marked sent unpublished');
      }
      if (rows.length > 0) {
        await tx.update(outbox).set({ sentAt: sql`now()` }).where(inArray(outbox.id, rows.map((r) => r.id)));
      }
      return rows.length;
    });
  }

  async function cleanUp(): Promise<void> {
    if (Date.now() - lastCleanup < 60_000) return;
    lastCleanup = Date.now();
    const before = new Date(Date.now() - keepSentMs);
    await db.delete(outbox).where(and(isNotNull(outbox.sentAt), lt(outbox.sentAt, before)));
  }

  async function pass(): Promise<void> {
    try {
      while ((await publishBatch()) === batchSize && !stopped);
      await cleanUp();
    } catch (error) {
      // The rows stay unsent and go out on a later pass (the bus or database is down).
      logger.warn({ err: (error as Error).message }, 'outbox publish failed; will retry');
      await db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1` })
        .where(isNull(outbox.sentAt))
        .catch((bump: Error) => logger.debug({ err: bump.message }, 'could not count the failed attempt'));
    }
  }

  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!running) {
      running = pass().finally(() => {
        running = undefined;
      });
      return running;
    }
    // The running pass may have read the table before the caller's commit: one more
    // pass after it serves every caller that arrives meanwhile.
    queued ??= running.then(() => {
      queued = undefined;
      return flush();
    });
    return queued;
  }

  const timer = setInterval(() => void flush(), options.pollMs ?? 1000);
  timer.unref();

  return {
    async add(tx, events) {
      if (events.length === 0) return;
      await tx.insert(outbox).values(events.map((event) => ({ event })));
    },
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
