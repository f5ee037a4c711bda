import { CloseCode } from '@codesync/protocol';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { decodePresence, encodePresence, type PresenceEntry } from './awareness-entries.js';
import { judgePresence } from './document-presence.js';
import { MalformedMessageError } from './messages.js';
import type { SyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import type { Room } from './room.js';

/** Who announced a client id's presence in this room: a local socket, or another instance. */
type Announcer = Peer | 'remote';

export interface RoomAwareness {
  /** A socket's awareness update: only its own entries, of the right shape, are applied and relayed (SPEC 20). */
  accept(peer: Peer, update: Uint8Array): void;
  /** An awareness update another instance relayed (already judged there; shapes checked again). */
  receive(update: Uint8Array): void;
  /** Removes the states the leaving socket announced (and nobody else's). */
  removePeer(peer: Peer): void;
  /** Every state held, as one awareness update (undefined when there is none). */
  states(): Uint8Array | undefined;
}

export interface RoomAwarenessDeps {
  /** Sends an awareness update to the room's sockets (the sender too: y-websocket counts it as a sign of life). */
  relay(update: Uint8Array): void;
  /** Publishes it to the other instances. */
  publish(update: Uint8Array): void;
  stateLimitBytes: number;
  metrics: SyncMetrics;
  logger: Logger;
}

/**
 * Presence belongs to its sender (SPEC 20): a socket sets or removes only the
 * states of client ids it announced first in the room (or took over from its
 * own user's earlier socket), or that are bound to its own user. Entries for
 * anyone else, and states of the wrong shape, are dropped; a state over the
 * size cap closes the socket with 4413.
 */
export function createRoomAwareness(room: Room, deps: RoomAwarenessDeps): RoomAwareness {
  const { awareness } = room;
  const announcers = new Map<number, Announcer>();

  function mayWrite(peer: Peer, clientId: number): boolean {
    const announcer = announcers.get(clientId);
    if (announcer === peer) return true;
    if (room.bindings.get(clientId)?.userId === peer.userId) return true;
    if (announcer === undefined) return !awareness.getStates().has(clientId);
    return announcer !== 'remote' && announcer.userId === peer.userId;
  }

  /** Applies the entries; `whole` is the update they came in when none was dropped (not encoded again). */
  function apply(entries: PresenceEntry[], owner: Announcer, whole?: Uint8Array): Uint8Array | undefined {
    if (entries.length === 0) return undefined;
    const update = whole ?? encodePresence(entries);
    awarenessProtocol.applyAwarenessUpdate(awareness, update, owner);
    for (const { clientId, state } of entries) {
      const previous = announcers.get(clientId);
      if (previous !== undefined && previous !== 'remote' && previous !== owner) previous.awarenessClients.delete(clientId);
      if (state === null) {
        announcers.delete(clientId);
        if (owner !== 'remote') owner.awarenessClients.delete(clientId);
      } else {
        announcers.set(clientId, owner);
        if (owner !== 'remote') owner.awarenessClients.add(clientId);
      }
    }
    return update;
  }

  /** The entries of `decoded` whose states may be relayed; 'too-large' when one is over the cap. */
  function wellFormed(decoded: PresenceEntry[]): PresenceEntry[] | 'too-large' {
    const kept: PresenceEntry[] = [];
    for (const entry of decoded) {
      const verdict = entry.state === null ? 'ok' : judgePresence(entry.state, deps.stateLimitBytes);
      if (verdict === 'too-large') return verdict;
      if (verdict === 'ok') kept.push(entry);
      else deps.metrics.refused.inc({ reason: 'presence-shape' });
    }
    return kept;
  }

  return {
    accept(peer, update) {
      let decoded: PresenceEntry[];
      try {
        decoded = decodePresence(update);
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        peer.close(CloseCode.malformed, 'malformed awareness update');
        return;
      }
      const kept = wellFormed(decoded);
      if (kept === 'too-large') {
        deps.metrics.refused.inc({ reason: 'presence-size' });
        peer.close(CloseCode.tooLarge, 'awareness state too large');
        return;
      }
      const own = kept.filter((entry) => mayWrite(peer, entry.clientId));
      if (own.length < kept.length) deps.metrics.refused.inc({ reason: 'presence-owner' }, kept.length - own.length);
      const applied = apply(own, peer, own.length === decoded.length ? update : undefined);
      if (!applied) return;
      deps.relay(applied);
      deps.publish(applied);
    },
    receive(update) {
      let kept: PresenceEntry[] | 'too-large';
      try {
        kept = wellFormed(decodePresence(update));
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message }, 'ignoring malformed awareness from the bus');
        return;
      }
      if (kept === 'too-large') return;
      // Another instance's socket may not remove or overwrite a client id a local socket announced.
      const applied = apply(
        kept.filter((entry) => {
          const announcer = announcers.get(entry.clientId);
          return announcer === undefined || announcer === 'remote';
        }),
        'remote',
      );
      if (applied) deps.relay(applied);
    },
    removePeer(peer) {
      const clients = [...peer.awarenessClients].filter((id) => announcers.get(id) === peer && awareness.getStates().has(id));
      peer.awarenessClients.clear();
      for (const id of clients) announcers.delete(id);
      if (clients.length === 0) return;
      awarenessProtocol.removeAwarenessStates(awareness, clients, 'leave');
      const removal = awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
      deps.relay(removal);
      deps.publish(removal);
    },
    states() {
      const clients = [...awareness.getStates().keys()];
      return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(awareness, clients) : undefined;
    },
  };
}
