import type { ClientBinding } from '@codesync/bus';
import { SHARED_TEXT } from '@codesync/protocol';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createStateSize, type StateSize } from './limits.js';

/**
 * A document's state in memory: its Y.Doc, awareness, and who owns each Yjs
 * client id. A room knows no socket, Redis or storage; the registry feeds it
 * and fans its changes out.
 */
export interface Room {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Client id → owner and highest clock recorded (SPEC 19); filled on load and as content arrives. */
  readonly bindings: Map<number, ClientBinding>;
  /** Client id → when this room last asked the bus to record its content's arrival time (client-ownership.ts). */
  readonly timesAskedAt: Map<number, number>;
  /** Its encoded state's size, as the state limit judges it (SPEC 21). */
  readonly stateSize: StateSize;
  text(): string;
  destroy(): void;
}

/** A room around `doc` (a rebuilt document, or an empty one) whose encoded state is at most `stateBytes`. */
export function createRoom(
  documentId: string,
  doc = new Y.Doc({ gc: true }),
  bindings = new Map<number, ClientBinding>(),
  stateBytes: number = EMPTY_UPDATE.byteLength,
): Room {
  const awareness = new Awareness(doc);
  // The server has no cursor of its own; it only relays the clients' states.
  awareness.setLocalState(null);
  return {
    documentId,
    doc,
    awareness,
    bindings,
    timesAskedAt: new Map(),
    stateSize: createStateSize(() => Y.encodeStateAsUpdate(doc).byteLength, stateBytes),
    text: () => doc.getText(SHARED_TEXT).toString(),
    destroy() {
      awareness.destroy();
      doc.destroy();
    },
  };
}

/** The highest clock the document holds for each client (what a save records for client bindings, SPEC 19). */
export function highestClocks(doc: Y.Doc): Map<number, number> {
  const clocks = new Map<number, number>();
  for (const [client, next] of Y.decodeStateVector(Y.encodeStateVector(doc))) clocks.set(client, next - 1);
  return clocks;
}

/** A Yjs update that changes nothing: two zero varUints, 0 structs and 0 delete-set clients. */
export const EMPTY_UPDATE = Uint8Array.of(0, 0);
