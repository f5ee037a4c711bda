import * as Y from 'yjs';
import type { BusEntry } from './document-bus.js';

export interface RebuiltDocument {
  doc: Y.Doc;
  /** Whether the log entries changed anything the snapshot holds (added, deleted, or left something pending). */
  logChanged: boolean;
  /** Log entries left out because applying them threw; the rest of the document loaded without them. */
  setAside: { entry: BusEntry; reason: string }[];
}

export interface RebuildOptions {
  /** Yields to the event loop every this many entries (a long log must not hold it); unset: one transaction. */
  yieldEvery?: number;
  gc?: boolean;
}

/**
 * The one rebuild of a document from its newest snapshot and its log (sync
 * loader, compactor, API content). Loading never fails because of one bad
 * entry: Yjs 13 has no rollback, so when an entry throws, the document is
 * rebuilt from scratch without it (and without any found before), and the
 * caller is told which were set aside. A snapshot that throws is the store's
 * to skip (it applies bytes it cannot vouch for by checksum before handing them
 * out, and falls back to the previous version); here it propagates.
 */
export async function rebuildDocument(
  snapshot: Uint8Array | null,
  entries: readonly BusEntry[],
  options: RebuildOptions = {},
): Promise<RebuiltDocument> {
  const skipped = new Map<BusEntry, string>();
  for (;;) {
    const doc = new Y.Doc({ gc: options.gc ?? true });
    const attempt = await applyAll(doc, snapshot, entries.filter((entry) => !skipped.has(entry)), options.yieldEvery);
    if (attempt.ok) {
      const setAside = [...skipped].map(([entry, reason]) => ({ entry, reason }));
      return { doc, logChanged: attempt.logChanged || setAside.length > 0, setAside };
    }
    doc.destroy();
    if (!attempt.failed) throw attempt.error; // the snapshot itself
    skipped.set(attempt.failed, attempt.error.message);
  }
}

type Attempt = { ok: true; logChanged: boolean } | { ok: false; failed: BusEntry | undefined; error: Error };

async function applyAll(doc: Y.Doc, snapshot: Uint8Array | null, entries: readonly BusEntry[], yieldEvery: number | undefined): Promise<Attempt> {
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
  } catch (error) {
    return { ok: false, failed: undefined, error: error as Error };
  }
  const clocks = Y.encodeStateVector(doc);
  let deletions = 0;
  let current: BusEntry | undefined;
  try {
    if (yieldEvery === undefined) {
      // One transaction: Yjs cleans up (merges structs, collects deleted content) once rather than per entry.
      Y.transact(doc, (transaction) => {
        for (current of entries) Y.applyUpdate(doc, current.data);
        deletions = countDeletions(transaction);
      });
    } else {
      doc.on('afterTransaction', (transaction: Y.Transaction) => (deletions += countDeletions(transaction)));
      for (let i = 0; i < entries.length; i++) {
        current = entries[i];
        Y.applyUpdate(doc, current!.data);
        if (i % yieldEvery === yieldEvery - 1) await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } catch (error) {
    return { ok: false, failed: current, error: error as Error };
  }
  const logChanged =
    (snapshot === null && entries.length > 0) ||
    deletions > 0 ||
    !sameBytes(clocks, Y.encodeStateVector(doc)) ||
    doc.store.pendingStructs !== null ||
    doc.store.pendingDs !== null;
  return { ok: true, logChanged };
}

function countDeletions(transaction: Y.Transaction): number {
  let count = 0;
  for (const ranges of transaction.deleteSet.clients.values()) count += ranges.length;
  return count;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
