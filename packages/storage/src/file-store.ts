import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  isVersionId,
  snapshotKey,
  versionTime,
  type Snapshot,
  type SnapshotStore,
  type SnapshotVersion,
} from './snapshot-store.js';
import { generateVersionId } from './version-ids.js';

/** Snapshots as files under `root` (embedded mode: `DATA_DIR/snapshots`). */
export function createFileSnapshotStore(root: string): SnapshotStore {
  const directoryOf = (documentId: string) => path.join(root, snapshotKey(documentId));
  const fileOf = (documentId: string, versionId: string) => path.join(root, snapshotKey(documentId, versionId));

  async function versionIds(documentId: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(directoryOf(documentId));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.ydoc'))
      .map((name) => name.slice(0, -'.ydoc'.length))
      .filter(isVersionId)
      .sort()
      .reverse();
  }

  async function read(documentId: string, versionId: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(fileOf(documentId, versionId)));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  return {
    async save(documentId, data): Promise<SnapshotVersion> {
      const id = generateVersionId();
      const file = fileOf(documentId, id);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves a half-written newest version.
      const temporary = `${file}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, file);
      return { id, sizeBytes: data.byteLength, createdAt: versionTime(id) };
    },
    async latest(documentId): Promise<Snapshot | null> {
      for (const id of await versionIds(documentId)) {
        const data = await read(documentId, id);
        if (data) return { id, data, sizeBytes: data.byteLength, createdAt: versionTime(id) };
      }
      return null;
    },
    async get(documentId, versionId) {
      return isVersionId(versionId) ? read(documentId, versionId) : null;
    },
    async list(documentId) {
      const ids = await versionIds(documentId);
      return Promise.all(
        ids.map(async (id) => {
          const info = await stat(fileOf(documentId, id));
          return { id, sizeBytes: info.size, createdAt: versionTime(id) };
        }),
      );
    },
    async deleteAll(documentId) {
      await rm(directoryOf(documentId), { recursive: true, force: true });
    },
    async check() {
      await mkdir(root, { recursive: true });
    },
  };
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
