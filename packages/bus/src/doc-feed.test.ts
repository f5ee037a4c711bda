import { EventEmitter } from 'node:events';
import { testLogger, waitFor } from '@codesync/testing';
import { describe, expect, it } from 'vitest';
import { createDocFeeds } from './doc-feed.js';
import { compareEntryIds, type BusEntry } from './document-bus.js';
import { createRedisKeys } from './keys.js';
import type { RedisClient } from './redis-connection.js';
import type { BusScripts } from './redis-scripts.js';

type Row = [Buffer, Buffer[]];
const row = (id: string, data: number): Row => [Buffer.from(id), [Buffer.from('o'), Buffer.from('w'), Buffer.from('d'), Buffer.from([data])]];
const bell = (previous: string, id: string, data: number) => Buffer.concat([Buffer.from(`u${previous}\n${id}\nw\n`), Buffer.from([data])]);

/** A feed over a fake subscriber and a fake log: what the log holds and what it trimmed is set by the test. */
function harness() {
  const keys = createRedisKeys('t:');
  const subscriber = Object.assign(new EventEmitter(), {
    ssubscribe: async () => 1,
    sunsubscribe: async () => 0,
  });
  const log = { rows: [] as Row[], trimmed: '', reads: 0 };
  const scripts = {
    async read(_updates: string, _trimmed: string, start: string) {
      log.reads += 1;
      const after = start === '-' ? '0-0' : start.slice(1);
      return { trimmed: log.trimmed, rows: log.rows.filter(([id]) => compareEntryIds(id.toString(), after) > 0) };
    },
  } as unknown as BusScripts;
  const feeds = createDocFeeds({ subscriber: subscriber as unknown as RedisClient, scripts, keys, logger: testLogger() });
  const ring = (message: Buffer) => subscriber.emit('smessageBuffer', Buffer.from(keys.bell('d')), message);
  return { feeds, log, ring };
}

describe('document feed (bells and log reads)', () => {
  it('takes an entry straight from the bell when it holds the one before (no log read)', async () => {
    const { feeds, log, ring } = harness();
    const seen: BusEntry[] = [];
    feeds.subscribe('d', '1-0', (_doc, entries) => seen.push(...entries));
    await waitFor(() => log.reads === 1, { what: 'the catch-up read' });
    ring(bell('1-0', '2-0', 2));
    ring(bell('2-0', '3-0', 3));
    expect(seen.map((e) => e.id)).toEqual(['2-0', '3-0']);
    expect(log.reads).toBe(1);
    feeds.close();
  });

  it('a reader that stalled while the log was trimmed past its position is told, and goes on from the trim point', async () => {
    const { feeds, log, ring } = harness();
    const seen: BusEntry[] = [];
    const told: string[] = [];
    feeds.subscribe('d', '1-0', (_doc, entries) => seen.push(...entries), (doc) => told.push(doc));
    await waitFor(() => log.reads === 1, { what: 'the catch-up read' });
    // Meanwhile 2-0 and 3-0 were appended (their bells lost to the stall), saved and trimmed.
    log.trimmed = '3-0';
    log.rows = [row('4-0', 4)];
    ring(bell('3-0', '4-0', 4));
    await waitFor(() => seen.length === 1, { what: 'the entry after the trim point' });
    expect(told).toEqual(['d']);
    expect(seen.map((e) => [e.id, e.data[0]])).toEqual([['4-0', 4]]);
    feeds.close();
  });
});
