import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BusEntry } from './document-bus.js';

/** Where the in-process bus keeps each document's update log between restarts. */
export interface LogPersistence {
  load(documentId: string): Promise<BusEntry[]>;
  append(documentId: string, entry: BusEntry): Promise<void>;
  rewrite(documentId: string, entries: BusEntry[]): Promise<void>;
  remove(documentId: string): Promise<void>;
  /** Documents that have a log file. */
  documents(): Promise<string[]>;
}

interface Record {
  i: string;
  o: string;
  d: string;
}

/**
 * One append-only file per document, a JSON line per update. An update is
 * acknowledged only once its line is written, so a crash of the embedded
 * process loses nothing a client was told had been received; a line cut off
 * by the crash itself is dropped on load. Writes to one file are serialised.
 */
export function createFileLogPersistence(directory: string): LogPersistence {
  const chains = new Map<string, Promise<void>>();
  const fileOf = (documentId: string) => path.join(directory, `${encodeURIComponent(documentId)}.log`);
  const line = (entry: BusEntry) =>
    `${JSON.stringify({ i: entry.id, o: entry.origin, d: Buffer.from(entry.data).toString('base64') } satisfies Record)}\n`;

  function serialise(documentId: string, write: () => Promise<void>): Promise<void> {
    const next = (chains.get(documentId) ?? Promise.resolve()).then(write);
    // A failed write fails its caller; the chain itself carries on for the next one.
    chains.set(documentId, next.catch(() => undefined));
    return next;
  }

  return {
    async load(documentId) {
      let text: string;
      try {
        text = await readFile(fileOf(documentId), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const entries: BusEntry[] = [];
      for (const raw of text.split('\n')) {
        if (!raw) continue;
        let record: Record;
        try {
          record = JSON.parse(raw) as Record;
        } catch {
          continue; // the last line of a crash, half written: never acknowledged
        }
        entries.push({ id: record.i, kind: 'update', origin: record.o, data: new Uint8Array(Buffer.from(record.d, 'base64')) });
      }
      return entries;
    },
    append(documentId, entry) {
      return serialise(documentId, async () => {
        await mkdir(directory, { recursive: true });
        await appendFile(fileOf(documentId), line(entry));
      });
    },
    rewrite(documentId, entries) {
      return serialise(documentId, async () => {
        if (entries.length === 0) return rm(fileOf(documentId), { force: true });
        const temporary = `${fileOf(documentId)}.tmp`;
        await writeFile(temporary, entries.map(line).join(''));
        await rename(temporary, fileOf(documentId));
      });
    },
    remove(documentId) {
      return serialise(documentId, () => rm(fileOf(documentId), { force: true }));
    },
    async documents() {
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return names.filter((name) => name.endsWith('.log')).map((name) => decodeURIComponent(name.slice(0, -'.log'.length)));
    },
  };
}
