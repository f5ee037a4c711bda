
import * as Y from 'yjs';
import { SHARED_TEXT } from '@codesync/protocol';

/** The text of a document state (a Yjs update holding the whole document). */
export function textOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return doc.getText(SHARED_TEXT).toString();
  } finally {
    doc.destroy();
  }
}

/** A fresh document state whose shared text is `text` (initial content of a new document). */
export function stateOfText(text: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (text.length > 0) doc.getText(SHARED_TEXT).insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
