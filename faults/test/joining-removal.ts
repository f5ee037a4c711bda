import { openRawSocket } from './editors.js';

/** How a removed member's socket ended: its close code, and whether its room welcomed it first. */
export interface JoiningOutcome {
  code: number;
  /**
   * The room sent it something before the close. The sync service takes a
   * joining socket's queued frames only right after welcoming it, so an
   * unwelcomed socket had nothing it sent taken.
   */
  welcomed: boolean;
}

/**
 * Opens a member's socket and, at the same moment, removes the member: the
 * socket sends `during` as soon as it opens (its room still loading) and
 * `after` once the removal has returned. Whichever lands first, the outcome
 * says what the socket may have written (sync/SPEC.md rules 16 and 22).
 */
export async function joinWhileRemoved(
  join: { wsBase: string; documentId: string; token: string },
  remove: () => Promise<void>,
  frames: { during: Uint8Array; after: Uint8Array },
): Promise<JoiningOutcome> {
  let welcomed = false;
  const joined = openRawSocket(join.wsBase, join.documentId, join.token).then((raw) => {
    raw.socket.on('message', () => (welcomed = true));
    raw.socket.send(frames.during);
    return raw;
  });
  const [raw] = await Promise.all([joined, remove()]);
  if (raw.isOpen()) raw.socket.send(frames.after);
  return { code: await raw.closed, welcomed };
}
