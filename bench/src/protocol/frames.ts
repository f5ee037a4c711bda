import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (first varUint of a frame, after any dialect prefix). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** What the load generator needs of a server frame, decoded without a Y.Doc. */
export type ServerMessage =
  | { kind: 'step1' }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness' }
  | { kind: 'other'; type: number };

export function readServerMessage(decoder: decoding.Decoder): ServerMessage {
  const type = decoding.readVarUint(decoder);
  // Hocuspocus answers a client's step 1 with its own step 1 as "sync reply" (4).
  if (type === MessageType.sync || type === 4) {
    const sub = decoding.readVarUint(decoder);
    if (sub === SyncType.step1) return { kind: 'step1' };
    const update = decoding.readVarUint8Array(decoder);
    return sub === SyncType.step2 ? { kind: 'step2', update } : { kind: 'update', update };
  }
  if (type === MessageType.awareness) return { kind: 'awareness' };
  return { kind: 'other', type };
}

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1(stateVector: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** A state vector of nobody: "send me everything". */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export function updateMessage(update: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An awareness update announcing one client's state (what a cursor move sends). */
export function awarenessMessage(clientId: number, clock: number, state: object): Uint8Array {
  const payload = build((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  });
  return build((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, payload);
  });
}

/**
 * Identity of an update: client id and clock of its first struct (Yjs update
 * v1 header), so a delivery is matched to its send without decoding the rest.
 * -1 for an update with no structs (deletions only).
 */
export function updateKey(update: Uint8Array): number {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) === 0) return -1;
  decoding.readVarUint(decoder); // number of structs of this client
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  return keyOf(client, clock);
}

export function keyOf(client: number, clock: number): number {
  return client * 2 ** 21 + clock;
}
