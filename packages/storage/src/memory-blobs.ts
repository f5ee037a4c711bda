import type { BlobStore } from './blob-store.js';

/** Objects in a Map, for unit tests of code that needs a store but not its medium. */
export function createMemoryBlobs(): BlobStore {
  const objects = new Map<string, Uint8Array>();
  const under = (prefix: string) => [...objects.keys()].filter((key) => key.startsWith(prefix));
  const directlyUnder = (prefix: string) => under(prefix).filter((key) => !key.slice(prefix.length).includes('/'));
  return {
    async put(key, data) {
      objects.set(key, data.slice());
    },
    async get(key) {
      return objects.get(key) ?? null;
    },
    async list(prefix) {
      return directlyUnder(prefix).map((key) => ({ key, sizeBytes: objects.get(key)?.byteLength ?? 0 }));
    },
    async keys(prefix) {
      return directlyUnder(prefix);
    },
    async remove(keys) {
      for (const key of keys) objects.delete(key);
    },
    async removeAll(prefix) {
      for (const key of under(prefix)) objects.delete(key);
    },
    async check() {},
  };
}
