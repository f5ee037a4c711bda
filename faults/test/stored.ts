import { readDocumentState, type DocumentBus } from '@codesync/bus';
import { SHARED_TEXT } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import * as Y from 'yjs';

/**
 * The document as a cold load sees it: newest snapshot, then the log entries after it,
 * applied in order the way a sync room loads it (a throw here is a document
 * that can no longer be opened).
 */
export async function storedText(bus: DocumentBus, store: SnapshotStore, documentId: string): Promise<string> {
  const state = await readDocumentState(bus, store, documentId);
  const doc = new Y.Doc({ gc: true });
  try {
    if (state.snapshot) Y.applyUpdate(doc, state.snapshot);
    for (const entry of state.entries) Y.applyUpdate(doc, entry.data);
    return doc.getText(SHARED_TEXT).toString();
  } finally {
    doc.destroy();
  }
}

/** An update that writes `text` into an empty document (a seed for fixtures). */
export function textUpdate(text: string, clientId = 1): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText(SHARED_TEXT).insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
