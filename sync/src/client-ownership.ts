import { CLIENT_TIME_INTERVAL_MS, type ClientBindings, type ClockRun } from '@codesync/bus';
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
  /** Client ids the room knows no owner of yet, with the new content this update writes under them. */
  unknown: Map<number, ClockRun>;
  /** The writer's own client ids whose new content is due a time checkpoint (SPEC 19). */
  timed: Map<number, ClockRun>;
}

/**
 * A room asks the bus for a time checkpoint at most this often per client id
 * (by its own clock); the bus keeps one per CLIENT_TIME_INTERVAL_MS by the
 * store's clock. Half of it, so skew between the two never stretches the gap.
 */
const ASK_INTERVAL_MS = CLIENT_TIME_INTERVAL_MS / 2;

export function judgeOwnership(room: Room, userId: string, writes: Map<number, ClientRange>, now = Date.now()): OwnershipVerdict {
  const unknown = new Map<number, ClockRun>();
  const timed = new Map<number, ClockRun>();
  for (const [client, range] of writes) {
    const highest = range.end - 1;
    const binding = room.bindings.get(client);
    if (!binding) {
      // Only new content binds: re-sending what the room holds (text the API restored, or
      // written before bindings existed) claims nobody's id.
      const held = Y.getState(room.doc.store, client);
      if (highest >= held) {
        unknown.set(client, { first: Math.max(range.first, held), last: highest });
        room.timesAskedAt.set(client, now);
      }
    } else if (binding.userId === userId) {
      if (highest <= binding.clock) continue;
      if (now - (room.timesAskedAt.get(client) ?? -Infinity) >= ASK_INTERVAL_MS) {
        timed.set(client, { first: Math.max(range.first, binding.clock + 1), last: highest });
        room.timesAskedAt.set(client, now);
      }
      binding.clock = highest;
    } else if (highest > Math.max(binding.clock, Y.getState(room.doc.store, client) - 1)) {
      return { refused: client, unknown, timed };
    }
  }
  return { unknown, timed };
}

/** Binds the room's unknown client ids durably (whoever bound them first, on any instance, keeps them). */
export async function claimClients(bus: Pick<ClientBindings, 'bindClients'>, room: Room, userId: string, runs: Map<number, ClockRun>): Promise<void> {
  const bound = await bus.bindClients(room.documentId, userId, runs);
  for (const [client, binding] of bound) {
    const known = room.bindings.get(client);
    // The room needs no times (only the attribution API reads them).
    room.bindings.set(client, { userId: binding.userId, clock: Math.max(binding.clock, known?.clock ?? -1) });
  }
}
