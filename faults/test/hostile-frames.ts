import * as encoding from 'lib0/encoding';
import { awarenessMessage, syncMessage } from './frame-arbitraries.js';

// What a hostile member's script sends (issue 12), encoded byte by byte in Yjs's
// update format v1 and y-websocket's framing, so no client-side check stands in the way.

const SYNC_UPDATE = 2;

type Id = { client: number; clock: number };

/** One string item `client:clock`: after `origin`, or (without one) at the start of `parent` (a root type's name, or an item id). */
export function stringItem(client: number, clock: number, text: string, at: { origin: Id } | { parent: string | Id }): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  if ('origin' in at) {
    encoding.writeUint8(e, 0x84); // string content, has a left origin
    encoding.writeVarUint(e, at.origin.client);
    encoding.writeVarUint(e, at.origin.clock);
  } else {
    encoding.writeUint8(e, 0x04); // string content, no origins: the parent follows
    if (typeof at.parent === 'string') {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, at.parent);
    } else {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, at.parent.client);
      encoding.writeVarUint(e, at.parent.clock);
    }
  }
  encoding.writeVarString(e, text);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

export const updateFrame = (update: Uint8Array) => syncMessage(SYNC_UPDATE, update);

/** An awareness frame setting (or, with null, removing) one client's state. */
export function presenceFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return awarenessMessage(encoding.toUint8Array(e));
}
