import type { ClientBindings } from '@codesync/bus';
import * as Y from 'yjs';
import type { Room } from './room.js';
import type { ClientRange } from './update-checks.js';

/**
 * Who may write under a Yjs client id (SPEC 19). The first content under an
 * id binds it to the writer's user, durably; past the highest clock accepted
 * for it, only that user may write. At or below it, anyone may: a client
 * reloading from IndexedDB re-sends others' edits, and after a storage
 * fallback honest clients resupply what the server lost.
 */
export interface OwnershipVerdict {
  /** A client id this update writes past its owner's highest clock, under another user. */
  refused?: number;
  /** Client ids the room knows no owner of yet, with the highest clock this update writes. */
  unknown: Map<number, number>;
}

export function judgeOwnership(room: Room, userId: string, writes: Map<number, ClientRange>): OwnershipVerdict {
  const unknown = new Map<number, number>();
  for (const [client, range] of writes) {
    const highest = range.end - 1;
    const binding = room.bindings.get(client);
    if (!binding) {
      // Only new content binds: re-sending what the room holds (text the API restored, or
      // written before bindings existed) claims nobody's id.
      if (highest >= Y.getState(room.doc.store, client)) unknown.set(client, highest);
    } else if (binding.userId === userId) {
      if (highest > binding.clock) binding.clock = highest;
    } else if (highest > Math.max(binding.clock, Y.getState(room.doc.store, client) - 1)) {
      return { refused: client, unknown };
    }
  }
  return { unknown };
}

/** Binds the room's unknown client ids durably (whoever bound them first, on any instance, keeps them). */
export async function claimClients(bus: Pick<ClientBindings, 'bindClients'>, room: Room, userId: string, unknown: Map<number, number>): Promise<void> {
  const bound = await bus.bindClients(room.documentId, userId, unknown);
  for (const [client, binding] of bound) {
    const known = room.bindings.get(client);
    room.bindings.set(client, known && known.clock > binding.clock ? { ...binding, clock: known.clock } : { ...binding });
  }
}
