import { pino, type Logger } from 'pino';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, raw JSON. */
  lines: string[];
}

/** A pino logger at `level` whose JSON lines are kept in memory, to be scanned by the test. */
export function captureLogs(level: pino.LevelWithSilent = 'debug'): CapturedLogs {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}
