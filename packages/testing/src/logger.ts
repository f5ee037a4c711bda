import { pino, type Logger } from 'pino';

/** Tests pass a silent logger; set TEST_LOG=debug to see what a test's servers say. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG ?? 'silent' });
}
