import { appendFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEntryIds } from './document-bus.js';
import { createFileLogPersistence } from './log-files.js';
import { createMemoryBus } from './memory-bus.js';

describe('in-process bus with logs on disk', () => {
  it('keeps acknowledged updates across a restart, including after trims and deletes', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'cs-log-'));
    const first = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    const a = await first.appendUpdate('doc/1', new Uint8Array([1]), 'x');
    await first.appendUpdate('doc/1', new Uint8Array([2, 255]), 'y');
    await first.appendUpdate('gone', new Uint8Array([9]), 'x');
    await first.trimUpdates('doc/1', a);
    await first.deleteDocument('gone');

    // A new process on the same directory (the first one "crashed": nothing else was flushed).
    const second = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    const entries = await second.readUpdates('doc/1');
    expect(entries.map((e) => [e.origin, [...e.data]])).toEqual([['y', [2, 255]]]);
    expect(await second.readUpdates('gone')).toEqual([]);
    const b = await second.appendUpdate('doc/1', new Uint8Array([3]), 'z');
    expect(compareEntryIds(b, entries[0]!.id)).toBeGreaterThan(0);
    expect((await readdir(directory)).sort()).toEqual(['doc%2F1.log']);
  });

  it('drops a line cut off by a crash mid-write and keeps the rest', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'cs-log-'));
    const bus = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    await bus.appendUpdate('d', new Uint8Array([1]), 'x');
    await appendFile(path.join(directory, 'd.log'), '{"i":"99-0","o":"x","d":"AQ');
    const reloaded = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    expect((await reloaded.readUpdates('d')).map((e) => [...e.data])).toEqual([[1]]);
  });

  // Issue 16, finding 4 (reproduced with the real module): the next acknowledged append was
  // written straight after the torn line, became part of it, and was gone after a second restart.
  it('keeps an update acknowledged after a torn line across a second restart', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'cs-log-'));
    const bus = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    await bus.appendUpdate('d', new Uint8Array([1]), 'x');
    await appendFile(path.join(directory, 'd.log'), '{"i":"99-0","o":"x","d":"AQ');
    const restarted = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    await restarted.appendUpdate('d', new Uint8Array([2]), 'x');
    const again = createMemoryBus({ persistence: createFileLogPersistence(directory) });
    expect((await again.readUpdates('d')).map((e) => [...e.data])).toEqual([[1], [2]]);
  });
});
