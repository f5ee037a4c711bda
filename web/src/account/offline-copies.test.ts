import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../api/test-fakes';
import { findOfflineCopies, removeOfflineCopies } from './offline-copies';

/** An IndexedDB factory that lists and deletes names, as the browser's does. */
function fakeFactory(names: string[]): IDBFactory {
  const databases = new Set(names);
  return {
    databases: async () => [...databases].map((name) => ({ name, version: 1 })),
    deleteDatabase(name: string) {
      const request = {} as IDBOpenDBRequest;
      databases.delete(name);
      queueMicrotask(() => request.onsuccess?.(new Event('success')));
      return request;
    },
  } as unknown as IDBFactory;
}

// Issue 16, finding 3: sign-out left every document's text in IndexedDB on a shared browser profile.
describe('offline copies at sign-out', () => {
  it("finds only this account's copies and counts the unsynced ones", async () => {
    const storage = memoryStorage();
    storage.setItem('codesync:unsynced:u1:d2', '1');
    storage.setItem('codesync:unsynced:u1:d1', '0');
    storage.setItem('codesync:unsynced:u2:d9', '1');
    const factory = fakeFactory(['codesync:u1:d1', 'codesync:u1:d2', 'codesync:u2:d9', 'other']);
    const copies = await findOfflineCopies('u1', factory, storage);
    expect(copies).toEqual({ names: ['codesync:u1:d1', 'codesync:u1:d2'], unsynced: 1, unknown: false });
  });

  it('removes them and their unsynced marks, leaving other accounts alone', async () => {
    const storage = memoryStorage();
    storage.setItem('codesync:unsynced:u1:d2', '1');
    storage.setItem('codesync:unsynced:u2:d9', '1');
    storage.setItem('codesync:document:d1', '{"title":"secret.ts"}');
    const factory = fakeFactory(['codesync:u1:d1', 'codesync:u1:d2', 'codesync:u2:d9']);
    await removeOfflineCopies('u1', await findOfflineCopies('u1', factory, storage), factory, storage);
    expect((await factory.databases()).map((d) => d.name)).toEqual(['codesync:u2:d9']);
    expect(storage.getItem('codesync:unsynced:u1:d2')).toBeNull();
    expect(storage.getItem('codesync:document:d1')).toBeNull();
    expect(storage.getItem('codesync:unsynced:u2:d9')).toBe('1');
  });
});
