import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Small JSON records kept beside a document's log file in embedded mode (client bindings, set-aside items). */
export interface RecordFiles {
  read(documentId: string, name: string): Promise<unknown>;
  write(documentId: string, name: string, value: unknown): Promise<void>;
  remove(documentId: string, name: string): Promise<void>;
}

/** One `<document>.<name>.json` file per record, replaced atomically on each write. */
export function createRecordFiles(directory: string): RecordFiles {
  const fileOf = (documentId: string, name: string) => path.join(directory, `${encodeURIComponent(documentId)}.${name}.json`);
  return {
    async read(documentId, name) {
      try {
        return JSON.parse(await readFile(fileOf(documentId, name), 'utf8')) as unknown;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(documentId, name, value) {
      await mkdir(directory, { recursive: true });
      const file = fileOf(documentId, name);
      await writeFile(`${file}.tmp`, JSON.stringify(value));
      await rename(`${file}.tmp`, file);
    },
    remove: (documentId, name) => rm(fileOf(documentId, name), { force: true }),
  };
}
