import { deleteRedisPrefix, describeWithRedis, testLogger, testRedisPrefix, testServices, waitFor } from '@codesync/testing';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { createRedisKeys } from './keys.js';
import { createRedisBus } from './redis-bus.js';

const prefix = testRedisPrefix();
const keys = createRedisKeys(prefix);
const update = (byte: number) => new Uint8Array([byte]);

// A room held by one instance only (most pairs, and every laptop) should not
// pay for a bell nobody else hears: the appender learns its entry from the
// append's answer. Once another instance holds the document, every append rings.
describeWithRedis('bells only when another bus holds the document', () => {
  const listener = new Redis(testServices.redisUrl!);
  const probe = new Redis(testServices.redisUrl!);
  const [alone, other] = [0, 1].map(() => createRedisBus({ url: testServices.redisUrl!, keyPrefix: prefix, logger: testLogger() }));

  afterAll(async () => {
    await Promise.all([alone!.close(), other!.close()]);
    listener.disconnect();
    probe.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it('an append to a document no other bus holds rings no bell; after another claims it, appends ring', async () => {
    const rung: string[] = [];
    listener.on('smessageBuffer', (_channel: Buffer, message: Buffer) => rung.push(message.toString('latin1').split('\n')[1]!));
    await listener.ssubscribe(keys.bell('doc'));

    const seenAlone: string[] = [];
    alone!.subscribe('doc', '0', (_doc, entries) => seenAlone.push(...entries.map((e) => e.id)));
    await waitFor(async () => (await probe.hlen(keys.holders('doc'))) === 1, { what: 'the first bus to hold the document' });
    const quiet = await alone!.appendUpdate('doc', update(1), 'a');
    await waitFor(() => seenAlone.includes(quiet), { what: 'the lone bus to take its own entry' });

    const seenOther: string[] = [];
    other!.subscribe('doc', '0', (_doc, entries) => seenOther.push(...entries.map((e) => e.id)));
    await waitFor(async () => (await probe.hlen(keys.holders('doc'))) === 2, { what: 'the second bus to hold the document' });
    const rung1 = await alone!.appendUpdate('doc', update(2), 'a');
    await waitFor(() => rung.includes(rung1) && seenOther.includes(rung1) && seenAlone.includes(rung1), { what: 'the second append to ring and reach both' });
    // Bells arrive in order: having heard the second, the first would have been heard before it.
    expect(rung).toEqual([rung1]);
    expect(seenOther).toEqual([quiet, rung1]);
  });
});
