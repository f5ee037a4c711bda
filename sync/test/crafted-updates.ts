import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Hand-made hostile updates (the attacks of issue 12), encoded byte by byte
 * in Yjs's update format v1 so no Yjs sanity check stands in the way.
 */

/** One string item: `client:clock`, left origin `origin`, inserted at the end of root text `content` when origin is null. */
export function stringItem(client: number, clock: number, text: string, origin: { client: number; clock: number } | null): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  // info: content ref 4 (string), bit 8 = has origin.
  encoding.writeUint8(e, origin ? 0x84 : 0x04);
  if (origin) {
    encoding.writeVarUint(e, origin.client);
    encoding.writeVarUint(e, origin.clock);
  } else {
    encoding.writeVarUint(e, 1); // parent is a root type, by name
    encoding.writeVarString(e, 'content');
  }
  encoding.writeVarString(e, text);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** The first attack: a valid insert for a fresh client (clocks 0–2), then clock 3 with left origin (same client, 50). */
export function futureOriginAttack(client = new Y.Doc().clientID): { honest: Uint8Array; attack: Uint8Array } {
  return { honest: stringItem(client, 0, 'abc', null), attack: stringItem(client, 3, 'x', { client, clock: 50 }) };
}

/** One string item between a left and a right origin (neither null): bits 0x80 and 0x40 of the info byte. */
export function itemBetween(client: number, clock: number, text: string, left: { client: number; clock: number }, right: { client: number; clock: number }): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 0xc4);
  encoding.writeVarUint(e, left.client);
  encoding.writeVarUint(e, left.clock);
  encoding.writeVarUint(e, right.client);
  encoding.writeVarUint(e, right.clock);
  encoding.writeVarString(e, text);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}
