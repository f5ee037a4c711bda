import { createMemoryBus } from '@codesync/bus';
import { describe, expect, it } from 'vitest';
import { claimClients, judgeOwnership } from './client-ownership.js';
import { createRoom } from './room.js';

// SPEC 19: with each binding, when its content arrived. The room asks the bus for a time
// checkpoint with the first binding and then at most every 30 s per client id, beside the append.
const writes = (client: number, first: number, end: number) => new Map([[client, { first, end }]]);

describe('client time checkpoints', () => {
  it('binding asks for one at the first new clock; later typing asks again only after 30 s, from the first clock not yet recorded', async () => {
    const bus = createMemoryBus({ clientTimeIntervalMs: 0 });
    const room = createRoom('doc-times');
    const start = 1_000_000;

    const bound = judgeOwnership(room, 'ada', writes(7, 0, 5), start);
    expect(bound.unknown).toEqual(new Map([[7, { first: 0, last: 4 }]]));
    await claimClients(bus, room, 'ada', bound.unknown);
    expect(room.bindings.get(7)).toEqual({ userId: 'ada', clock: 4 });

    // Typing on within 30 s: nothing to record; the room's clock for the id still rises.
    expect(judgeOwnership(room, 'ada', writes(7, 5, 9), start + 29_000).timed.size).toBe(0);
    const later = judgeOwnership(room, 'ada', writes(7, 9, 12), start + 30_000);
    expect(later.timed).toEqual(new Map([[7, { first: 9, last: 11 }]]));
    // A re-send of what the room holds is not new content.
    expect(judgeOwnership(room, 'ada', writes(7, 0, 12), start + 90_000).timed.size).toBe(0);
    // Another user's ids are never timed for this writer.
    expect(judgeOwnership(room, 'bob', writes(7, 0, 3), start + 90_000).timed.size).toBe(0);

    await claimClients(bus, room, 'ada', later.timed);
    expect((await bus.clientBindings('doc-times')).get(7)?.times?.map((t) => t.clock)).toEqual([0, 9]);
  });
});
