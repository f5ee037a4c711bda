import { describe, expect, it } from 'vitest';
import type { LogDisk } from './log-disk.js';
import { createFileLogPersistence } from './log-files.js';
import { createMemoryBus } from './memory-bus.js';

class Crash extends Error {}

/**
 * A disk in memory that knows which bytes were fsynced, and can be cut at its
 * n-th write point: the write in progress lands half-way, and every later call
 * fails (the process is dead). `survivors` is then what a restart finds after
 * kill -9 (everything written) or a power loss (what was fsynced, plus a torn
 * part of what was not).
 */
function simulatedDisk(crashAt = Infinity) {
  const written = new Map<string, Buffer>();
  const synced = new Map<string, Buffer>();
  let points = 0;
  const point = (partial?: () => void) => {
    points += 1;
    if (points < crashAt) return;
    if (points === crashAt) partial?.();
    throw new Crash(`crashed at write point ${crashAt}`);
  };
  const disk: LogDisk = {
    async read(file) {
      point();
      return written.get(file) ?? null;
    },
    async appendSynced(file, data) {
      const before = written.get(file) ?? Buffer.alloc(0);
      const bytes = Buffer.from(data);
      point(() => written.set(file, Buffer.concat([before, bytes.subarray(0, Math.ceil(bytes.length / 2))])));
      written.set(file, Buffer.concat([before, bytes]));
      point(); // written, not yet fsynced
      synced.set(file, written.get(file)!);
    },
    async truncate(file, length) {
      point();
      written.set(file, written.get(file)!.subarray(0, length));
      point();
      synced.set(file, written.get(file)!);
    },
    async replace(file, data) {
      point(); // the temporary file is written and fsynced, the rename has not happened
      written.set(file, Buffer.from(data));
      synced.set(file, Buffer.from(data));
    },
    async remove(file) {
      point();
      written.delete(file);
      synced.delete(file);
    },
    async list(directory) {
      return [...written.keys()].filter((f) => f.startsWith(`${directory}/`)).map((f) => f.slice(directory.length + 1));
    },
  };
  return {
    disk,
    points: () => points,
    survivors(after: 'kill' | 'power-loss'): LogDisk {
      const next = simulatedDisk();
      for (const [file, bytes] of written) {
        const durable = synced.get(file) ?? Buffer.alloc(0);
        const torn = bytes.subarray(0, durable.length + Math.floor((bytes.length - durable.length) / 2));
        next.seed(file, after === 'kill' ? bytes : torn);
      }
      return next.disk;
    },
    seed(file: string, bytes: Buffer) {
      written.set(file, bytes);
      synced.set(file, bytes);
    },
  };
}

const byte = (n: number) => new Uint8Array([n]);
const values = (entries: { data: Uint8Array }[]) => entries.map((e) => e.data[0]!);

/** Appends 1..9 in three concurrent bursts with a trim of the first update between, then 10..12 one by one; returns what was acknowledged. */
async function workload(disk: LogDisk): Promise<Set<number>> {
  const bus = createMemoryBus({ persistence: createFileLogPersistence('/log', disk) });
  const acknowledged = new Set<number>();
  const append = (n: number) => bus.appendUpdate('d', byte(n), 'x').then(() => acknowledged.add(n));
  const settle = (ns: number[]) => Promise.allSettled(ns.map(append));
  await settle([1, 2, 3]);
  const first = (await bus.readUpdates('d').catch(() => []))[0];
  if (first) await bus.trimUpdates('d', first.id).catch(() => undefined);
  await settle([4, 5, 6]);
  await settle([7, 8, 9]);
  for (const n of [10, 11, 12]) await settle([n]); // one commit each
  acknowledged.delete(1); // trimmed on purpose (it may or may not survive)
  return acknowledged;
}

/** A restart on `disk`: everything acknowledged is there, and a new update survives the next restart too. */
async function expectNothingLost(disk: LogDisk, acknowledged: Set<number>, what: string): Promise<void> {
  const bus = createMemoryBus({ persistence: createFileLogPersistence('/log', disk) });
  const found = values(await bus.readUpdates('d'));
  expect(found.filter((n) => acknowledged.has(n)).sort(), what).toEqual([...acknowledged].sort());
  await bus.appendUpdate('d', byte(42), 'after-restart');
  const again = createMemoryBus({ persistence: createFileLogPersistence('/log', disk) });
  expect(values(await again.readUpdates('d')), what).toContain(42);
}

// Issue 16, finding 4: after a crash left a half-written last line, the next acknowledged
// append was written straight after it and was gone after a second restart; nothing was fsynced.
describe('embedded log: a crash at every write point loses nothing acknowledged', () => {
  it('survives kill -9 and power loss at each write point', async () => {
    const dry = simulatedDisk();
    await workload(dry.disk);
    const total = dry.points();
    expect(total).toBe(15);
    for (let crashAt = 1; crashAt <= total; crashAt += 1) {
      for (const after of ['kill', 'power-loss'] as const) {
        const sim = simulatedDisk(crashAt);
        const acknowledged = await workload(sim.disk);
        await expectNothingLost(sim.survivors(after), acknowledged, `${after} at write point ${crashAt} of ${total}`);
      }
    }
  });

  it('groups appends that arrive during an fsync into one write', async () => {
    const sim = simulatedDisk();
    const bus = createMemoryBus({ persistence: createFileLogPersistence('/log', sim.disk) });
    await bus.appendUpdate('d', byte(0), 'x');
    const before = sim.points();
    await Promise.all(Array.from({ length: 20 }, (_, i) => bus.appendUpdate('d', byte(i + 1), 'x')));
    // Twenty appends, at most two commits (the first alone, the rest gathered while it ran).
    expect(sim.points() - before).toBeLessThanOrEqual(4);
  });
});
