import { randomBytes } from 'node:crypto';
import { newVersionId } from './snapshot-store.js';

/**
 * A store's source of version ids, which sort in save order: the time part
 * never repeats or goes back (a save in the same millisecond takes the next
 * one); across processes the compaction lease keeps saves of one document apart.
 */
export function createVersionIds(): (now: number) => string {
  let lastTime = 0;
  return (now) => {
    lastTime = Math.max(now, lastTime + 1);
    return newVersionId(lastTime, randomBytes(4).toString('hex'));
  };
}
