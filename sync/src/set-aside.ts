import type { BusEntry, SetAsideShelf } from '@codesync/bus';
import type { Logger } from 'pino';
import type { SyncMetrics } from './metrics.js';

/**
 * Keeps log entries that would not load for inspection (SPEC 18): logged
 * with document and entry, counted, and stored in the bus's set-aside
 * shelf. Never throws: failing to keep one must not fail the load.
 */
export async function keepSetAside(
  deps: { bus: SetAsideShelf; logger: Logger; metrics: SyncMetrics },
  documentId: string,
  items: { entry: BusEntry; reason: string }[],
): Promise<void> {
  for (const { entry, reason } of items) {
    deps.metrics.setAside.inc();
    deps.logger.error({ docId: documentId, entryId: entry.id, reason }, 'log entry set aside: it would not load');
    await deps.bus
      .setAside(documentId, { id: entry.id, reason, at: Date.now(), data: entry.data })
      .catch((error: Error) => deps.logger.warn({ docId: documentId, err: error.message }, 'could not keep a set-aside entry'));
  }
}
