import { mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, writeFileDurably } from '@codesync/storage';

/**
 * The file operations the embedded log needs, each a point where a crash can
 * fall (tests put a simulated disk here and cut it at every one of them).
 */
export interface LogDisk {
  /** The file's bytes, or null if it does not exist. */
  read(file: string): Promise<Buffer | null>;
  /** Appends `data` and fsyncs it: once this resolves the bytes survive a power loss. */
  appendSynced(file: string, data: string): Promise<void>;
  truncate(file: string, length: number): Promise<void>;
  /** Replaces the whole file atomically and durably (temporary file, fsync, rename). */
  replace(file: string, data: string): Promise<void>;
  remove(file: string): Promise<void>;
  list(directory: string): Promise<string[]>;
}

const notFound = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** The real file system. */
export function createNodeLogDisk(): LogDisk {
  return {
    async read(file) {
      try {
        return await readFile(file);
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async appendSynced(file, data) {
      await mkdir(path.dirname(file), { recursive: true });
      const handle = await open(file, 'a');
      const created = await handle
        .stat()
        .then(async (before) => {
          await handle.appendFile(data);
          await handle.datasync();
          return before.size === 0;
        })
        .finally(() => handle.close());
      // A new file's name must survive too, not only its bytes.
      if (created) await syncDirectory(path.dirname(file));
    },
    async truncate(file, length) {
      await truncate(file, length);
      const handle = await open(file, 'r+');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    async replace(file, data) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileDurably(file, data);
    },
    async remove(file) {
      await rm(file, { force: true });
    },
    async list(directory) {
      try {
        return await readdir(directory);
      } catch (error) {
        if (notFound(error)) return [];
        throw error;
      }
    },
  };
}
