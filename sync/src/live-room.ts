import type { BusEntry, DocumentBus } from '@codesync/bus';
import { canWrite, CloseCode } from '@codesync/protocol';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CompactionSchedule } from './compaction/schedule.js';
import type { SavePoint } from './compaction/save-point.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyStateVector } from './messages.js';
import type { SyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import type { Room } from './room.js';
import { canApply, isEmptyUpdate } from './update-checks.js';

/** Origin of changes that came from another process through the bus. */
export const BUS_ORIGIN = Symbol('bus');

export interface LiveRoom {
  readonly room: Room;
  readonly peers: Set<Peer>;
  /** First messages to a joining peer: our state vector and who is here. */
  welcome(peer: Peer): void;
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void;
  /**
   * Appends a client update to the log, then applies and forwards it; the
   * promise settles once that is done (or the update was refused).
   */
  acceptUpdate(peer: Peer, update: Uint8Array): Promise<void>;
  acceptAwareness(peer: Peer, update: Uint8Array): void;
  sendAwarenessStates(peer: Peer): void;
  removePeer(peer: Peer): void;
  /** Entries read from the bus (any origin; our own are skipped). */
  receiveEntries(entries: BusEntry[]): void;
  /**
   * A stored state (the newest snapshot) merged in because log entries were
   * trimmed before this room read them; peers get only what it added.
   */
  mergeStored(state: Uint8Array): void;
  /** Which log entries the room holds and which are saved (what the compactor reads). */
  readonly savePoint: SavePoint;
  readonly compaction: CompactionSchedule;
  close(): void;
}

export interface LiveRoomDeps {
  bus: DocumentBus;
  instanceId: string;
  logger: Logger;
  metrics: SyncMetrics;
  compaction: CompactionSchedule;
  savePoint: SavePoint;
}

/**
 * Wires one room to its peers and the bus. Every update is tagged with its
 * origin (a peer, or the bus), so nothing echoes back to its sender or is
 * appended to the log twice; a client update counts only once it is in the log.
 */
export function createLiveRoom(room: Room, deps: LiveRoomDeps): LiveRoom {
  const { bus, instanceId, metrics, compaction, savePoint } = deps;
  const { doc, awareness, documentId } = room;
  const peers = new Set<Peer>();
  const logger = deps.logger.child({ docId: documentId });
  let closed = false;
  // Joiners with an empty state all get the same answer: encode it once per change.
  // (Reset where the room applies an update: a doc 'update' listener would make
  // Yjs encode every transaction.)
  let fullState: Uint8Array | undefined;

  awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (!isPeer(origin)) return;
    for (const id of [...change.added, ...change.updated]) origin.awarenessClients.add(id);
    for (const id of change.removed) origin.awarenessClients.delete(id);
  });

  function isPeer(origin: unknown): origin is Peer {
    return typeof origin === 'object' && origin !== null && peers.has(origin as Peer);
  }

  function broadcast(message: Uint8Array, except?: Peer): void {
    const started = performance.now();
    let sent = 0;
    for (const peer of peers) {
      if (peer === except) continue;
      peer.send(message);
      sent += 1;
    }
    metrics.updatesOut.inc(sent);
    metrics.fanoutSeconds.observe((performance.now() - started) / 1000);
  }

  function applyAndForward(update: Uint8Array, origin: Peer | typeof BUS_ORIGIN): void {
    if (closed) return; // unloaded meanwhile: the update is in the log for the next load
    try {
      fullState = undefined;
      Y.applyUpdate(doc, update, origin);
    } catch (error) {
      metrics.errors.inc({ kind: 'apply' });
      logger.error({ err: (error as Error).message }, 'update failed to apply');
      return;
    }
    broadcast(encodeUpdate(update), origin === BUS_ORIGIN ? undefined : origin);
    compaction.notify();
  }

  function acceptUpdate(peer: Peer, update: Uint8Array): Promise<void> {
    if (!canWrite(peer.role)) {
      metrics.droppedUpdates.inc({ reason: 'viewer' });
      return Promise.resolve();
    }
    if (isEmptyUpdate(update)) return Promise.resolve();
    if (!canApply(update)) {
      peer.close(CloseCode.malformed, 'malformed update');
      return Promise.resolve();
    }
    const started = performance.now();
    const appended = bus.appendUpdate(documentId, update, instanceId).then(
      () => {
        metrics.appendSeconds.observe((performance.now() - started) / 1000);
        metrics.updatesIn.inc({ source: 'client' });
        applyAndForward(update, peer);
      },
      (error: Error) => {
        // Not in the log, so not accepted: the client re-sends it when it reconnects.
        metrics.errors.inc({ kind: 'append' });
        logger.error({ err: error.message, connId: peer.id }, 'append failed; closing the socket');
        peer.close(CloseCode.internalError, 'update not stored');
      },
    );
    savePoint.appending(appended);
    return appended;
  }

  function acceptAwareness(peer: Peer, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(awareness, update, peer);
    } catch {
      peer.close(CloseCode.malformed, 'malformed awareness update');
      return;
    }
    // Echoed to the sender too: y-websocket clients count it as a sign of life.
    broadcast(encodeAwareness(update));
    bus.publishAwareness(documentId, update, instanceId).catch((error: Error) => {
      metrics.errors.inc({ kind: 'awareness' });
      logger.warn({ err: error.message }, 'awareness not published to other instances');
    });
  }

  function receiveEntry(entry: BusEntry): void {
    if (entry.origin === instanceId) return;
    if (entry.kind === 'update') {
      metrics.updatesIn.inc({ source: 'bus' });
      applyAndForward(entry.data, BUS_ORIGIN);
      return;
    }
    try {
      awarenessProtocol.applyAwarenessUpdate(awareness, entry.data, BUS_ORIGIN);
      broadcast(encodeAwareness(entry.data));
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'ignoring malformed awareness from the bus');
    }
  }

  return {
    room,
    peers,
    compaction,
    savePoint,
    welcome(peer) {
      peer.send(encodeSyncStep1(Y.encodeStateVector(doc)));
      this.sendAwarenessStates(peer);
    },
    sendAwarenessStates(peer) {
      const clients = [...awareness.getStates().keys()];
      if (clients.length > 0) peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients)));
    },
    answerSyncStep1(peer, stateVector) {
      const empty = isEmptyStateVector(stateVector);
      let message: Uint8Array;
      try {
        message = empty
          ? (fullState ??= encodeSyncStep2(Y.encodeStateAsUpdate(doc)))
          : encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector));
      } catch {
        peer.close(CloseCode.malformed, 'malformed state vector');
        return;
      }
      peer.send(message);
    },
    acceptUpdate,
    acceptAwareness,
    removePeer(peer) {
      peers.delete(peer);
      const clients = [...peer.awarenessClients].filter((id) => awareness.getStates().has(id));
      if (clients.length === 0) return;
      awarenessProtocol.removeAwarenessStates(awareness, clients, 'leave');
      const removal = awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
      broadcast(encodeAwareness(removal));
      bus.publishAwareness(documentId, removal, instanceId).catch((error: Error) => {
        logger.warn({ err: error.message }, 'awareness removal not published');
      });
    },
    mergeStored(state) {
      if (closed) return;
      const before = Y.encodeStateVector(doc);
      try {
        Y.applyUpdate(doc, state, BUS_ORIGIN);
      } catch (error) {
        metrics.errors.inc({ kind: 'apply' });
        logger.error({ err: (error as Error).message }, 'stored state failed to apply');
        return;
      }
      fullState = undefined;
      broadcast(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
    },
    receiveEntries(entries) {
      let lastUpdate: string | undefined;
      for (const entry of entries) {
        receiveEntry(entry);
        if (entry.kind === 'update') lastUpdate = entry.id;
      }
      // Entries arrive in log order, after the point the room was loaded at.
      if (lastUpdate !== undefined) savePoint.held(lastUpdate);
    },
    close() {
      closed = true;
      savePoint.close();
      compaction.cancel();
      room.destroy();
    },
  };
}
