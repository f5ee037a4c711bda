// `pnpm --filter @codesync/bench log-fsync`: what fsync-before-acknowledge costs the embedded
// log (packages/bus log-files.ts), against the same log writing without fsync (what it did before).
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileLogPersistence, createMemoryBus, createNodeLogDisk, type LogDisk } from '@codesync/bus';

const DURATION_MS = Number(process.env.LOG_BENCH_MS ?? 3000);
const UPDATE = new Uint8Array(40).fill(7); // a keystroke-sized Yjs update
/** Where the log files go: the disk `.data` would be on (default: the OS temporary directory). */
const BENCH_DIR = process.env.LOG_BENCH_DIR ?? tmpdir();

/** The real disk, but appends are not fsynced: the behaviour before issue 16. */
function unsyncedDisk(): LogDisk {
  const real = createNodeLogDisk();
  return { ...real, appendSynced: (file, data) => appendFile(file, data) };
}

async function appendsPerSecond(disk: LogDisk, writers: number, documents: number): Promise<number> {
  const directory = await mkdtemp(path.join(BENCH_DIR, 'cs-log-bench-'));
  const bus = createMemoryBus({ persistence: createFileLogPersistence(directory, disk) });
  let count = 0;
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() < deadline) {
        await bus.appendUpdate(`doc-${w % documents}`, UPDATE, `w${w}`);
        count += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await rm(directory, { recursive: true, force: true });
  return count / elapsed;
}

const cases = [
  { name: '1 writer, 1 document', writers: 1, documents: 1 },
  { name: '16 writers, 1 document', writers: 16, documents: 1 },
  { name: '64 writers, 8 documents', writers: 64, documents: 8 },
];

const rows: string[] = [];
for (const c of cases) {
  const before = await appendsPerSecond(unsyncedDisk(), c.writers, c.documents);
  const after = await appendsPerSecond(createNodeLogDisk(), c.writers, c.documents);
  rows.push(`| ${c.name} | ${Math.round(before)} | ${Math.round(after)} | ${(after / before).toFixed(2)}× |`);
}
process.stdout.write(
  [`embedded log appends/s (${DURATION_MS} ms each, ${UPDATE.length}-byte updates, in ${BENCH_DIR})`, '', '| case | no fsync (before) | fsync + group commit (after) | after/before |', '| --- | --- | --- | --- |', ...rows, ''].join('\n'),
);
