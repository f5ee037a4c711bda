import { crc32 } from 'node:zlib';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHistoryStore } from './history-store.js';
import { createMemoryBlobs } from './memory-blobs.js';
import { snapshotKey } from './object-keys.js';
import { stateOfText, textOfState } from './text-state.js';

describe('history store', () => {
  it('keeps a named version whose snapshot a concurrent thinning deleted', async () => {
    // The API names a version while the sync service thins: the thinning listed no name yet
    // and deletes the version's snapshot. The named copy written before the name survives it.
    const blobs = createMemoryBlobs();
    const store = createHistoryStore(blobs);
    const first = await store.save('doc', stateOfText('keep me'));
    await store.save('doc', stateOfText('later'));
    await store.name('doc', first.id, 'milestone');
    await blobs.remove([snapshotKey('doc', first.id)]);
    expect((await store.list('doc')).find((v) => v.id === first.id)?.name).toBe('milestone');
    expect(textOfState((await store.get('doc', first.id))!)).toBe('keep me');
    // Clearing the name puts the bytes back where thinning decides about them.
    await store.name('doc', first.id, null);
    expect(await blobs.get(snapshotKey('doc', first.id))).not.toBeNull();
  });

  it('logs an unreadable snapshot with its document and version when it falls back past it', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const skipped: string[] = [];
    const store = createHistoryStore(createMemoryBlobs(), { logger, onUnreadable: (doc, version) => skipped.push(`${doc}/${version}`) });
    await store.save('doc', stateOfText('good'));
    const bad = await store.save('doc', new Uint8Array([1, 2, 3]));
    expect(textOfState((await store.latest('doc'))!.data)).toBe('good');
    expect(lines).toEqual([expect.objectContaining({ docId: 'doc', versionId: bad.id, msg: 'unreadable snapshot skipped' })]);
    expect(skipped).toEqual([`doc/${bad.id}`]);
  });

  it('trusts a known version by its checksum, and decodes it as before once its bytes changed', async () => {
    const blobs = createMemoryBlobs();
    const store = createHistoryStore(blobs);
    await store.save('doc', stateOfText('good'));
    const saved = stateOfText('newest');
    const newest = await store.save('doc', saved);
    const known = { versionId: newest.id, crc32: crc32(saved) };
    expect(textOfState((await store.latest('doc', known))!.data)).toBe('newest');
    // Garbled on disk after the save: the checksum no longer holds, so it is decoded, found unreadable and skipped.
    await blobs.put(snapshotKey('doc', newest.id), Uint8Array.of(1, 2, 3));
    expect(textOfState((await store.latest('doc', known))!.data)).toBe('good');
    // A checksum of other bytes is no licence either.
    expect(textOfState((await store.latest('doc', { versionId: newest.id, crc32: crc32(Uint8Array.of(1, 2, 3)) + 1 }))!.data)).toBe('good');
  });

  it('a host whose clock is behind saves a version that is still the latest', async () => {
    // Two sync hosts share one bucket; the second's clock is an hour behind the first's.
    // Its later save must become "latest", not sort below the version it replaces.
    const blobs = createMemoryBlobs();
    const ahead = createHistoryStore(blobs, { now: () => 1_800_000_000_000 });
    const behind = createHistoryStore(blobs, { now: () => 1_800_000_000_000 - 3_600_000 });
    const first = await ahead.save('doc', stateOfText('older'));
    const second = await behind.save('doc', stateOfText('newer'));
    expect(second.id > first.id).toBe(true);
    expect(textOfState((await ahead.latest('doc'))!.data)).toBe('newer');
    expect((await behind.list('doc')).map((v) => v.id)).toEqual([second.id, first.id]);
  });

  it('saves even when thinning fails, and says so in the log', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const blobs = createMemoryBlobs();
    const store = createHistoryStore({ ...blobs, keys: () => Promise.reject(new Error('listing failed')) }, { logger });
    const saved = await store.save('doc', stateOfText('x'));
    expect(textOfState((await blobs.get(snapshotKey('doc', saved.id)))!)).toBe('x');
    expect(lines[0]).toMatchObject({ docId: 'doc', msg: 'thinning the history failed; the next save retries' });
  });
});
