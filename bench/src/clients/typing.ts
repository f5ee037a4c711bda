import * as Y from 'yjs';
import { keyOf } from '../protocol/frames.js';

export interface TypedUpdates {
  clientId: number;
  updates: Uint8Array[];
  keys: number[];
}

/**
 * One-character edits of one Yjs client, made ahead of time so the timed
 * phase only sends bytes. Each is what an editor sends for a keystroke.
 */
export function typeUpdates(count: number): TypedUpdates {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  const updates: Uint8Array[] = [];
  const keys: number[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    keys.push(keyOf(doc.clientID, i));
    text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  doc.destroy();
  return { clientId: doc.clientID, updates, keys };
}
