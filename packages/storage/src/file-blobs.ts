import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store.js';
import { writeFileDurably } from './durable-files.js';

const TEMPORARY = '.tmp';

/** Objects as files under `root`; a key's `/` are directories. */
export function createFileBlobs(root: string): BlobStore {
  const fileOf = (key: string) => path.join(root, key);

  async function filesUnder(prefix: string): Promise<string[]> {
    try {
      const entries = await readdir(fileOf(prefix), { withFileTypes: true });
      return entries.filter((entry) => entry.isFile() && !entry.name.endsWith(TEMPORARY)).map((entry) => entry.name);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  return {
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Temporary file, fsync, rename, fsync the directory: a crash or power loss never
      // leaves a half-written or empty object under its real name.
      await writeFileDurably(file, data, `${file}${TEMPORARY}`);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async keys(prefix) {
      return (await filesUnder(prefix)).map((name) => prefix + name);
    },
    async list(prefix) {
      const entries = await Promise.all(
        (await filesUnder(prefix)).map(async (name) => {
          const info = await stat(fileOf(prefix + name)).catch((error: unknown) => {
            if (isNotFound(error)) return null; // removed between readdir and stat
            throw error;
          });
          return info ? { key: prefix + name, sizeBytes: info.size } : null;
        }),
      );
      return entries.filter((entry) => entry !== null);
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
    async removeAll(prefix) {
      await rm(fileOf(prefix), { recursive: true, force: true });
    },
    async check() {
      await mkdir(root, { recursive: true });
    },
  };
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
