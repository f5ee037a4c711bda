import type { Logger } from 'pino';

export interface DrainOptions {
  logger: Logger;
  /** Stops taking new work and finishes what is in flight; the process exits 0 when it resolves. */
  drain: () => Promise<void>;
  /** Exit 1 if draining takes longer (ECS kills a task 30 s after SIGTERM by default). */
  timeoutMs?: number;
  /** Tests observe the exit code instead of exiting. */
  exit?: (code: number) => void;
}

export const DRAIN_TIMEOUT_MS = 25_000;

/**
 * SIGTERM (ECS stopping the task) or SIGINT (Ctrl-C): drain once, then exit 0,
 * or 1 if draining fails or outlives `timeoutMs`. A second signal exits 1 at once.
 * Returns a function that removes the handlers.
 */
export function drainOnSignals({ logger, drain, timeoutMs = DRAIN_TIMEOUT_MS, exit = process.exit }: DrainOptions): () => void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'draining: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'draining took too long: exiting');
      exit(1);
    }, timeoutMs);
    drain().then(
      () => {
        clearTimeout(timer);
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, 'error while draining');
        exit(1);
      },
    );
  };
  const signals = ['SIGTERM', 'SIGINT'] as const;
  for (const signal of signals) process.on(signal, stop);
  return () => {
    for (const signal of signals) process.off(signal, stop);
  };
}
