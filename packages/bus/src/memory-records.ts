import { CLIENT_TIME_INTERVAL_MS } from './client-times.js';
import { bindInto, raiseInto, SET_ASIDE_MAX_ITEMS, type ClientBinding, type DocumentRecords, type SavedMark, type SetAsideItem } from './document-records.js';
import type { RecordFiles } from './record-files.js';

interface Records {
  bindings: Map<number, ClientBinding>;
  setAside: Map<string, SetAsideItem>;
  saved: SavedMark | null;
}

type StoredRecords = {
  bindings: [number, ClientBinding][];
  setAside: (Omit<SetAsideItem, 'data'> & { data: string })[];
  saved?: SavedMark | null;
};

/**
 * Client bindings, set-aside items and the saved mark in process (embedded mode), kept in a
 * file beside the document's log when `files` is given. Writes to one
 * document are serialised, so the last write holds every change.
 */
export function createMemoryRecords(
  files?: RecordFiles,
  clientTimeIntervalMs = CLIENT_TIME_INTERVAL_MS,
): DocumentRecords & { deleteRecords(documentId: string): Promise<void> } {
  const records = new Map<string, Promise<Records>>();
  const writes = new Map<string, Promise<void>>();

  function recordsOf(documentId: string): Promise<Records> {
    let found = records.get(documentId);
    if (!found) {
      found = (files ? files.read(documentId, 'records') : Promise.resolve(null)).then((stored) => fromStored(stored as StoredRecords | null));
      found.catch(() => records.delete(documentId));
      records.set(documentId, found);
    }
    return found;
  }

  function persist(documentId: string, current: Records): Promise<void> {
    if (!files) return Promise.resolve();
    const write = (writes.get(documentId) ?? Promise.resolve()).then(() => files.write(documentId, 'records', toStored(current)));
    writes.set(documentId, write.catch(() => undefined));
    return write;
  }

  return {
    async bindClients(documentId, userId, runs) {
      const current = await recordsOf(documentId);
      const result = bindInto(current.bindings, userId, runs, Date.now(), clientTimeIntervalMs);
      await persist(documentId, current);
      return result;
    },
    async raiseClientClocks(documentId, clocks) {
      const current = await recordsOf(documentId);
      if (raiseInto(current.bindings, clocks)) await persist(documentId, current);
    },
    async clientBindings(documentId) {
      return new Map((await recordsOf(documentId)).bindings);
    },
    async setAside(documentId, item) {
      const current = await recordsOf(documentId);
      if (current.setAside.has(item.id) || current.setAside.size >= SET_ASIDE_MAX_ITEMS) return;
      current.setAside.set(item.id, { ...item, data: item.data.slice() });
      await persist(documentId, current);
    },
    async setAsideItems(documentId) {
      return [...(await recordsOf(documentId)).setAside.values()];
    },
    async setAsideIds(documentId) {
      return new Set((await recordsOf(documentId)).setAside.keys());
    },
    async markSaved(documentId, mark) {
      const current = await recordsOf(documentId);
      if (current.saved && current.saved.versionId >= mark.versionId) return;
      current.saved = { ...mark };
      await persist(documentId, current);
    },
    async savedMark(documentId) {
      const { saved } = await recordsOf(documentId);
      return saved && { ...saved };
    },
    async deleteRecords(documentId) {
      records.set(documentId, Promise.resolve(fromStored(null)));
      await files?.remove(documentId, 'records');
    },
  };
}

function fromStored(stored: StoredRecords | null): Records {
  return {
    bindings: new Map(stored?.bindings ?? []),
    setAside: new Map(
      (stored?.setAside ?? []).map((item) => [item.id, { ...item, data: new Uint8Array(Buffer.from(item.data, 'base64')) }]),
    ),
    saved: stored?.saved ?? null,
  };
}

function toStored(records: Records): StoredRecords {
  return {
    bindings: [...records.bindings],
    setAside: [...records.setAside.values()].map((item) => ({ ...item, data: Buffer.from(item.data).toString('base64') })),
    saved: records.saved,
  };
}
