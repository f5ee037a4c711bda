import * as encoding from 'lib0/encoding';
import { TREE_NOTICE_MESSAGE } from '@codesync/protocol';

/**
 * A tree-change notice: outside y-websocket's own message types (0 sync,
 * 1 awareness, 2 auth, 3 query awareness); clients register a handler for it.
 */
export function encodeTreeNotice(treeVersion: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, TREE_NOTICE_MESSAGE);
  encoding.writeVarUint(encoder, treeVersion);
  return encoding.toUint8Array(encoder);
}
