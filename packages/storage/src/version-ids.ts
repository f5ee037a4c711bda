import { randomBytes } from 'node:crypto';
import { newVersionId } from './snapshot-store.js';

let lastTime = 0;

/**
 * Ids sort in save order: within a process the time part never repeats or goes
 * back (a save in the same millisecond takes the next one); across processes
 * the compaction lease keeps saves of one document apart.
 */
export function generateVersionId(now = Date.now()): string {
  lastTime = Math.max(now, lastTime + 1);
  return newVersionId(lastTime, randomBytes(4).toString('hex'));
}
