import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type DocumentBus } from '@codesync/bus';
import { outbox as outboxTable, type DatabaseHandle } from '@codesync/db';
import type { BusEvent } from '@codesync/protocol';
import { testLogger, waitFor } from '@codesync/testing';
import { createOutbox, type Outbox } from './outbox.js';

/** A bus whose publishEvent fails while `failing` is set, and records what it published. */
function recordingBus(): DocumentBus & { published: BusEvent[]; failing: boolean } {
  const inner = createMemoryBus();
  const bus = Object.assign(Object.create(inner) as DocumentBus, {
    published: [] as BusEvent[],
    failing: false,
    async publishEvent(event: BusEvent) {
      if (bus.failing) throw new Error('bus down');
      bus.published.push(event);
    },
  });
  return bus;
}

const revoked = (sessionId: string): BusEvent => ({ type: 'session-revoked', sessionId });
const sessionsOf = (events: BusEvent[]) => events.map((e) => (e.type === 'session-revoked' ? e.sessionId : e.type));

export function describeOutboxContract(name: string, open: () => Promise<DatabaseHandle & { drop?: () => Promise<void> }>): void {
  describe(`outbox on ${name}`, () => {
    let database: DatabaseHandle & { drop?: () => Promise<void> };
    const outboxes: Outbox[] = [];
    beforeAll(async () => {
      database = await open();
    }, 90_000);
    afterAll(async () => {
      for (const o of outboxes) await o.stop();
      await database.close();
      await database.drop?.();
    });
    const make = (bus: DocumentBus) => {
      const o = createOutbox({ db: database.db, bus, logger: testLogger(), pollMs: 60_000 });
      outboxes.push(o);
      return o;
    };

    it('publishes what a committed transaction added, in order, and nothing of a rolled-back one', async () => {
      const bus = recordingBus();
      const outbox = make(bus);
      await database.db.transaction(async (tx) => outbox.add(tx, [revoked('c1'), revoked('c2')]));
      await database.db
        .transaction(async (tx) => {
          await outbox.add(tx, [revoked('rolled-back')]);
          throw new Error('abort');
        })
        .catch(() => undefined);
      await outbox.flush();
      expect(sessionsOf(bus.published)).toEqual(['c1', 'c2']);
      await outbox.flush();
      expect(sessionsOf(bus.published)).toEqual(['c1', 'c2']);
    });

    it('keeps events through a failed publish and sends them once the bus is back', async () => {
      const bus = recordingBus();
      const outbox = make(bus);
      bus.failing = true;
      await database.db.transaction(async (tx) => outbox.add(tx, [revoked('retried')]));
      await outbox.flush();
      expect(bus.published).toEqual([]);
      const [row] = await database.db.select().from(outboxTable).where(sql`${outboxTable.event}->>'sessionId' = 'retried'`);
      expect(row?.attempts).toBeGreaterThan(0);
      expect(row?.sentAt).toBeNull();
      bus.failing = false;
      await outbox.flush();
      expect(sessionsOf(bus.published)).toEqual(['retried']);
    });

    it('lets several publishers run at once: every event goes out exactly once', async () => {
      const bus = recordingBus();
      const publishers = [make(bus), make(bus), make(bus)];
      const ids = Array.from({ length: 60 }, (_, i) => `many-${i}`);
      for (let i = 0; i < ids.length; i += 10) {
        await database.db.transaction(async (tx) => publishers[0]!.add(tx, ids.slice(i, i + 10).map(revoked)));
      }
      await Promise.all([...publishers, ...publishers].map((p) => p.flush()));
      await waitFor(() => bus.published.length >= ids.length, { what: 'every event published' });
      expect(sessionsOf(bus.published).sort()).toEqual([...ids].sort());
    });
  });
}
