import type { UpdateLog } from '@codesync/bus';
import type { Logger } from 'pino';
import type { Compactor } from './compactor.js';

export interface LogSweeper {
  /** Compacts every log that no room of this process holds; resolves with how many it looked at. */
  sweep(): Promise<number>;
  stop(): void;
}

/**
 * Logs left behind (an instance died before compacting, nobody reopened the
 * document, or the embedded process restarted) are compacted in the
 * background, so they end up in a snapshot without waiting for a reader.
 * The compaction lease keeps instances from doing the same document twice.
 */
export function startLogSweeper(deps: {
  bus: Pick<UpdateLog, 'documentsWithUpdates'>;
  compactor: Compactor;
  isLoaded(documentId: string): boolean;
  logger: Logger;
  intervalMs: number;
}): LogSweeper {
  const { bus, compactor, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function sweep(): Promise<number> {
    const documents = (await bus.documentsWithUpdates()).filter((id) => !deps.isLoaded(id));
    for (const documentId of documents) {
      if (stopped) break;
      await compactor.compact(documentId).catch((error: Error) => {
        logger.warn({ docId: documentId, err: error.message }, 'sweep could not compact; next sweep retries');
      });
    }
    return documents.length;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      sweep()
        .catch((error: Error) => logger.warn({ err: error.message }, 'log sweep failed'))
        .finally(() => schedule(deps.intervalMs * (0.75 + Math.random() / 2)));
    }, delayMs);
    timer.unref();
  }

  // First sweep soon after start (jittered so instances started together spread out).
  schedule(Math.min(deps.intervalMs, 5000) * (0.5 + Math.random()));
  return {
    sweep,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
