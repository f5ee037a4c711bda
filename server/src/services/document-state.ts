import * as Y from 'yjs';
import { readDocumentState, rebuildDocument, type DocumentBus } from '@codesync/bus';
import { SHARED_TEXT } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { minimalEdit } from './text-edit.js';

/**
 * The live document as the sync service would rebuild it: the newest snapshot
 * plus the updates not yet compacted into it.
 */
export async function loadDocument(bus: DocumentBus, store: SnapshotStore, documentId: string): Promise<Y.Doc> {
  // Log first, snapshot second (see readDocumentState): safe against a concurrent compaction.
  const state = await readDocumentState(bus, store, documentId);
  // A log entry that would not load is left out (the sync service sets it aside): one bad entry never fails a read.
  const { doc } = await rebuildDocument(state.snapshot, state.entries);
  return doc;
}

export async function currentText(bus: DocumentBus, store: SnapshotStore, documentId: string): Promise<string> {
  const doc = await loadDocument(bus, store, documentId);
  try {
    return doc.getText(SHARED_TEXT).toString();
  } finally {
    doc.destroy();
  }
}

/**
 * Makes `text` the document's content as one ordinary Yjs edit (a minimal
 * replacement on top of the current state), appended to the log the sync
 * service reads, so live clients receive it like anyone's typing and the
 * compactor stores it. Returns the resulting text.
 */
export async function replaceText(
  bus: DocumentBus,
  store: SnapshotStore,
  documentId: string,
  text: string,
  origin: string,
): Promise<string> {
  const doc = await loadDocument(bus, store, documentId);
  try {
    const shared = doc.getText(SHARED_TEXT);
    const edit = minimalEdit(shared.toString(), text);
    if (!edit) return text;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      if (edit.deleteCount > 0) shared.delete(edit.index, edit.deleteCount);
      if (edit.insert.length > 0) shared.insert(edit.index, edit.insert);
    });
    await bus.appendUpdate(documentId, Y.encodeStateAsUpdate(doc, before), origin);
    return shared.toString();
  } finally {
    doc.destroy();
  }
}

/** Removes deleted documents' logs and snapshots (after their deletion was announced). */
export async function discardDocuments(bus: DocumentBus, store: SnapshotStore, documentIds: string[]): Promise<void> {
  for (const documentId of documentIds) {
    await bus.deleteDocument(documentId);
    await store.deleteAll(documentId);
  }
}
