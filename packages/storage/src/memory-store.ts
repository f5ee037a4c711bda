import {
  isVersionId,
  versionTime,
  type SnapshotStore,
} from './snapshot-store.js';
import { generateVersionId } from './version-ids.js';

/** In-memory snapshots, for unit tests of code that needs a store but not its medium. */
export function createMemorySnapshotStore(): SnapshotStore {
  const documents = new Map<string, Map<string, Uint8Array>>();
  const versionsOf = (documentId: string) => {
    let versions = documents.get(documentId);
    if (!versions) documents.set(documentId, (versions = new Map()));
    return versions;
  };
  const listIds = (documentId: string) => [...versionsOf(documentId).keys()].sort().reverse();
  return {
    async save(documentId, data) {
      const id = generateVersionId();
      versionsOf(documentId).set(id, data.slice());
      return { id, sizeBytes: data.byteLength, createdAt: versionTime(id) };
    },
    async latest(documentId) {
      const id = listIds(documentId)[0];
      const data = id === undefined ? undefined : versionsOf(documentId).get(id);
      return id === undefined || !data ? null : { id, data, sizeBytes: data.byteLength, createdAt: versionTime(id) };
    },
    async get(documentId, versionId) {
      return (isVersionId(versionId) && versionsOf(documentId).get(versionId)) || null;
    },
    async list(documentId) {
      return listIds(documentId).map((id) => ({
        id,
        sizeBytes: versionsOf(documentId).get(id)?.byteLength ?? 0,
        createdAt: versionTime(id),
      }));
    },
    async deleteAll(documentId) {
      documents.delete(documentId);
    },
    async check() {},
  };
}
