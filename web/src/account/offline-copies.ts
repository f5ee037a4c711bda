import { documentMetaKey } from '../editor/document-meta-key';
import { deleteLocalCopy } from '../editor/local-copy';

/** This browser's copies of one account's documents (IndexedDB `codesync:<user>:<doc>`). */
export interface OfflineCopies {
  names: string[];
  /** How many of them hold edits the server has not confirmed (removing those loses them). */
  unsynced: number;
  /** The browser cannot list its databases: nothing can be removed by name. */
  unknown: boolean;
}

const copyPrefix = (userId: string) => `codesync:${userId}:`;
const unsyncedPrefix = (userId: string) => `codesync:unsynced:${userId}:`;

function unsyncedKeys(userId: string, storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(unsyncedPrefix(userId)) && storage.getItem(key) === '1') keys.push(key);
  }
  return keys;
}

export async function findOfflineCopies(userId: string, factory: IDBFactory = indexedDB, storage: Storage = localStorage): Promise<OfflineCopies> {
  const unsynced = unsyncedKeys(userId, storage).length;
  if (typeof factory.databases !== 'function') return { names: [], unsynced, unknown: true };
  const names = (await factory.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith(copyPrefix(userId)));
  return { names, unsynced, unknown: false };
}

/** Deletes the copies (each completes once no tab holds it open), their cached metadata and unsynced marks. */
export async function removeOfflineCopies(userId: string, copies: OfflineCopies, factory: IDBFactory = indexedDB, storage: Storage = localStorage): Promise<void> {
  await Promise.all(copies.names.map((name) => deleteLocalCopy(name, factory)));
  for (const name of copies.names) storage.removeItem(documentMetaKey(name.slice(copyPrefix(userId).length)));
  for (const key of unsyncedKeys(userId, storage)) storage.removeItem(key);
}
