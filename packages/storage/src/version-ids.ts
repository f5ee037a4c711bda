import { randomBytes } from 'node:crypto';
import { newVersionId, versionTimeMs } from './snapshot-store.js';

/**
 * A store's source of version ids, which sort in save order: the time part
 * never repeats or goes back, in this process (a save in the same millisecond
 * takes the next one) nor across hosts: given the document's newest id, the new
 * one comes after it even when this host's clock is behind the host that wrote
 * it (clock skew must not make an older snapshot "latest"). The compaction
 * lease keeps two hosts from saving one document at once.
 */
export function createVersionIds(): (now: number, newest?: string) => string {
  let lastTime = 0;
  return (now, newest) => {
    const after = newest === undefined ? 0 : versionTimeMs(newest) + 1;
    lastTime = Math.max(now, lastTime + 1, after);
    return newVersionId(lastTime, randomBytes(4).toString('hex'));
  };
}
