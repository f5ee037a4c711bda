import { hostname } from 'node:os';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths never written to a log line: credentials in headers and in any object
 * that might carry a password, a secret or a token.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.jwtSecret',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

export interface LoggerOptions {
  /** `api`, `sync` or `codesync` (the embedded process): the `service` field of every line. */
  service: string;
  level: string;
  /** Where lines go (tests); stdout by default. */
  destination?: DestinationStream;
}

/**
 * The one root logger of every CodeSync process: JSON lines with an ISO `time`,
 * `service`, `hostname` and `pid` (which task wrote it), secrets redacted.
 */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service, hostname: hostname(), pid: process.pid },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
