import path from 'node:path';
import type { BusEntry } from './document-bus.js';
import { createNodeLogDisk, type LogDisk } from './log-disk.js';

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

interface Waiter {
  line: string;
  resolve(): void;
  reject(error: unknown): void;
}

const NEWLINE = 0x0a;

/**
 * One append-only file per document, a JSON line per update. An update counts
 * (its append resolves, the client is acknowledged) only once its line is
 * fsynced, so neither kill -9 nor a power loss loses it. Appends that arrive
 * while an fsync is in flight are written and fsynced together next (group
 * commit, no timer). A line cut off by a crash was never acknowledged: before
 * the first write to a file the torn tail is cut away, so a new line never
 * joins it (which used to lose the new, acknowledged line at the next load).
 */
export function createFileLogPersistence(directory: string, disk: LogDisk = createNodeLogDisk()): LogPersistence {
  const chains = new Map<string, Promise<void>>();
  const pending = new Map<string, Waiter[]>();
  /** Files whose tail is known to end with a whole line in this process. */
  const whole = new Set<string>();
  const fileOf = (documentId: string) => path.join(directory, `${encodeURIComponent(documentId)}.log`);
  const line = (entry: BusEntry) =>
    `${JSON.stringify({ i: entry.id, o: entry.origin, d: Buffer.from(entry.data).toString('base64') } satisfies Record)}\n`;

  function serialise(documentId: string, write: () => Promise<void>): Promise<void> {
    const next = (chains.get(documentId) ?? Promise.resolve()).then(write);
    // A failed write fails its caller; the chain itself carries on for the next one.
    chains.set(documentId, next.catch(() => undefined));
    return next;
  }

  /** Cuts a torn last line (a crash mid-append) so the next line starts on its own. */
  async function repairTail(documentId: string, bytes?: Buffer | null): Promise<void> {
    if (whole.has(documentId)) return;
    const file = fileOf(documentId);
    const content = bytes === undefined ? await disk.read(file) : bytes;
    if (content && content.length > 0 && content[content.length - 1] !== NEWLINE) {
      await disk.truncate(file, content.lastIndexOf(NEWLINE) + 1);
    }
    whole.add(documentId);
  }

  async function commit(documentId: string): Promise<void> {
    const batch = pending.get(documentId) ?? [];
    pending.delete(documentId);
    try {
      await repairTail(documentId);
      await disk.appendSynced(fileOf(documentId), batch.map((w) => w.line).join(''));
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      whole.delete(documentId); // the failed write may have left a torn line
      for (const waiter of batch) waiter.reject(error);
    }
  }

  return {
    async load(documentId) {
      const bytes = await disk.read(fileOf(documentId));
      if (!bytes) return [];
      await serialise(documentId, () => repairTail(documentId, bytes));
      const entries: BusEntry[] = [];
      for (const raw of bytes.toString('utf8').split('\n')) {
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
      return new Promise<void>((resolve, reject) => {
        const batch = pending.get(documentId);
        if (batch) {
          batch.push({ line: line(entry), resolve, reject });
          return;
        }
        pending.set(documentId, [{ line: line(entry), resolve, reject }]);
        void serialise(documentId, () => commit(documentId));
      });
    },
    rewrite(documentId, entries) {
      return serialise(documentId, async () => {
        if (entries.length === 0) await disk.remove(fileOf(documentId));
        else await disk.replace(fileOf(documentId), entries.map(line).join(''));
        whole.add(documentId);
      });
    },
    remove(documentId) {
      return serialise(documentId, async () => {
        await disk.remove(fileOf(documentId));
        whole.add(documentId);
      });
    },
    async documents() {
      const names = await disk.list(directory);
      return names.filter((name) => name.endsWith('.log')).map((name) => decodeURIComponent(name.slice(0, -'.log'.length)));
    },
  };
}
