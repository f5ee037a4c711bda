import { SHARED_TEXT } from '@codesync/protocol';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/**
 * A document's state in memory: its Y.Doc and awareness. A room knows no
 * socket, Redis or storage; the registry feeds it and fans its changes out.
 */
export interface Room {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  text(): string;
  destroy(): void;
}

export function createRoom(documentId: string): Room {
  const doc = new Y.Doc({ gc: true });
  const awareness = new Awareness(doc);
  // The server has no cursor of its own; it only relays the clients' states.
  awareness.setLocalState(null);
  return {
    documentId,
    doc,
    awareness,
    text: () => doc.getText(SHARED_TEXT).toString(),
    destroy() {
      awareness.destroy();
      doc.destroy();
    },
  };
}

/** A Yjs update that changes nothing: two zero varUints, 0 structs and 0 delete-set clients. */
export const EMPTY_UPDATE = Uint8Array.of(0, 0);

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

