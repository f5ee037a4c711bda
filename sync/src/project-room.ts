import type { AwarenessChannel, BusEntry, UpdateLog } from '@codesync/bus';
import type { CloseCode, Role } from '@codesync/protocol';
import type { Logger } from 'pino';
import { encodeAwareness } from './messages.js';
import { encodeTreeNotice } from './project-notices.js';
import { decodePresence, encodePresence, type PresenceEntry } from './awareness-entries.js';
import { isValidPresence } from './project-presence.js';

/** One socket on a project: who it is, and how to reach it. */
export interface ProjectPeer {
  readonly id: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly projectId: string;
  readonly issuedAtMs: number;
  role: Role;
  /** Awareness client ids this socket announced first. */
  readonly clients: Set<number>;
  send(frame: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
}

export interface ProjectRoom {
  readonly projectId: string;
  readonly peers: ReadonlySet<ProjectPeer>;
  join(peer: ProjectPeer): void;
  /** Removes the peer and its presence (announced to everyone); true when the room is now empty. */
  leave(peer: ProjectPeer): boolean;
  /** Relays the entries of an awareness update this peer may set; others are dropped. Throws if undecodable. */
  acceptPresence(peer: ProjectPeer, update: Uint8Array): void;
  sendStates(peer: ProjectPeer): void;
  notifyTree(treeVersion: number): void;
  close(): void;
}

interface Held extends PresenceEntry {
  /** The local peer that announced it, or undefined for a client on another instance. */
  owner: ProjectPeer | undefined;
}

/** The bus channel a project's presence travels on across instances (never holds document updates). */
export const projectChannel = (projectId: string) => `project-${projectId}`;

/**
 * A project's presence: who is in which file. Holds no document; relays
 * judged awareness entries to local sockets and, through the bus, to the
 * project's sockets on other instances.
 */
export function createProjectRoom(deps: {
  projectId: string;
  bus: UpdateLog & AwarenessChannel;
  instanceId: string;
  logger: Logger;
}): ProjectRoom {
  const { projectId, bus, instanceId } = deps;
  const logger = deps.logger.child({ projectId });
  const channel = projectChannel(projectId);
  const peers = new Set<ProjectPeer>();
  const states = new Map<number, Held>();

  const broadcast = (entries: PresenceEntry[], except?: ProjectPeer) => {
    if (entries.length === 0) return;
    const frame = encodeAwareness(encodePresence(entries));
    for (const peer of peers) if (peer !== except) peer.send(frame);
  };
  const publish = (entries: PresenceEntry[]) => {
    if (entries.length === 0) return;
    bus.publishAwareness(channel, encodePresence(entries), instanceId).catch((error: Error) => {
      logger.warn({ err: error.message }, 'could not publish project presence');
    });
  };

  /** Stores an entry if it is new enough; removals delete. */
  function hold(entry: PresenceEntry, owner: ProjectPeer | undefined): boolean {
    const current = states.get(entry.clientId);
    if (current && current.clock > entry.clock) return false;
    if (entry.state === null) states.delete(entry.clientId);
    else states.set(entry.clientId, { ...entry, owner });
    return true;
  }

  function fromBus(_id: string, entries: BusEntry[]): void {
    const accepted: PresenceEntry[] = [];
    for (const entry of entries) {
      if (entry.kind !== 'awareness' || entry.origin === instanceId) continue;
      let decoded: PresenceEntry[];
      try {
        decoded = decodePresence(entry.data);
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'undecodable project presence from the bus');
        continue;
      }
      for (const e of decoded) {
        if (states.get(e.clientId)?.owner) continue; // a local socket's client: only that socket sets it
        if ((e.state === null || isValidPresence(e.state)) && hold(e, undefined)) accepted.push(e);
      }
    }
    broadcast(accepted);
  }
  const subscription = bus.subscribe(channel, '0', fromBus);

  return {
    projectId,
    peers,
    join(peer) {
      peers.add(peer);
    },
    leave(peer) {
      peers.delete(peer);
      const gone: PresenceEntry[] = [];
      for (const clientId of peer.clients) {
        const held = states.get(clientId);
        if (held?.owner !== peer) continue;
        states.delete(clientId);
        gone.push({ clientId, clock: held.clock + 1, state: null });
      }
      broadcast(gone);
      publish(gone);
      return peers.size === 0;
    },
    acceptPresence(peer, update) {
      const accepted: PresenceEntry[] = [];
      for (const entry of decodePresence(update)) {
        const current = states.get(entry.clientId);
        const mine = peer.clients.has(entry.clientId);
        if (!mine && current) continue; // another socket's client id: dropped
        if (entry.state !== null && !isValidPresence(entry.state)) continue;
        if (!mine) peer.clients.add(entry.clientId);
        if (hold(entry, peer)) accepted.push(entry);
      }
      broadcast(accepted, peer);
      publish(accepted);
    },
    sendStates(peer) {
      const entries = [...states.values()].map(({ clientId, clock, state }) => ({ clientId, clock, state }));
      if (entries.length > 0) peer.send(encodeAwareness(encodePresence(entries)));
    },
    notifyTree(treeVersion) {
      const frame = encodeTreeNotice(treeVersion);
      for (const peer of peers) peer.send(frame);
    },
    close() {
      subscription.unsubscribe();
    },
  };
}
