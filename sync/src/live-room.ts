import type { BusEntry } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import * as Y from 'yjs';
import type { CompactionSchedule } from './compaction/schedule.js';
import type { SavePoint } from './compaction/save-point.js';
import { binaryFrame } from './frames.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, isEmptyStateVector } from './messages.js';
import type { Peer } from './peer.js';
import type { Room } from './room.js';
import { createRoomAwareness } from './room-awareness.js';
import { keepSetAside } from './set-aside.js';
import { createUpdateIntake, type UpdateIntakeDeps } from './update-intake.js';

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

export interface LiveRoomDeps extends Omit<UpdateIntakeDeps, 'appended'> {
  /** The room's document threw while applying an update that passed every check: unload it, to be rebuilt from the log without it. */
  onBroken?: () => void;
}

/**
 * Wires one room to its peers and the bus. Every update is tagged with its
 * origin (a peer, or the bus), so nothing echoes back to its sender or is
 * appended to the log twice; a client update counts only once it is in the log.
 */
export function createLiveRoom(room: Room, deps: LiveRoomDeps): LiveRoom {
  const { bus, instanceId, metrics, compaction, savePoint } = deps;
  const { doc, documentId } = room;
  const peers = new Set<Peer>();
  const logger = deps.logger.child({ docId: documentId });
  let closed = false;
  // Joiners with an empty state all get the same answer: encode it once per change.
  // (Reset where the room applies an update: a doc 'update' listener would make
  // Yjs encode every transaction.)
  let fullState: Uint8Array | undefined;
  const presence = createRoomAwareness(room, {
    relay: (update) => broadcast(() => encodeAwareness(update)),
    publish: (update) =>
      void bus.publishAwareness(documentId, update, instanceId).catch((error: Error) => {
        metrics.errors.inc({ kind: 'awareness' });
        logger.warn({ err: error.message }, 'awareness not published to other instances');
      }),
    stateLimitBytes: deps.limits.awarenessStateBytes,
    metrics,
    logger,
  });
  const intake = createUpdateIntake(room, { ...deps, logger, appended: applyAndForward });

  /**
   * Sends a message to every peer but `except`, framed once. It is encoded only
   * if someone here receives it: a writer alone on this instance (its pair on
   * another) costs nothing.
   */
  function broadcast(message: () => Uint8Array, except?: Peer): void {
    const started = performance.now();
    let frame: Buffer | undefined;
    let sent = 0;
    for (const peer of peers) {
      if (peer === except) continue;
      peer.sendFrame((frame ??= binaryFrame(message())));
      sent += 1;
    }
    if (sent === 0) return;
    metrics.updatesOut.inc(sent);
    metrics.fanoutSeconds.observe((performance.now() - started) / 1000);
  }

  function applyAndForward(update: Uint8Array, origin: Peer | typeof BUS_ORIGIN, entryId: string): void {
    if (closed) return; // unloaded meanwhile: the update is in the log for the next load
    try {
      fullState = undefined;
      Y.applyUpdate(doc, update, origin);
      room.stateSize.grew(update.byteLength);
    } catch (error) {
      breakRoom(origin, { id: entryId, kind: 'update', origin: instanceId, data: update }, (error as Error).message);
      return;
    }
    broadcast(() => encodeUpdate(update), origin === BUS_ORIGIN ? undefined : origin);
    compaction.notify();
  }

  /**
   * Yjs 13 has no rollback: a document that threw halfway through an update
   * may be half-applied. It is never saved or served again: the entry is set
   * aside, every socket moves away (1012, its client reconnects at once), and
   * the room unloads without compacting, to be rebuilt from the log without it.
   * A stored state that threw (no entry) is judged again by that rebuild.
   */
  function breakRoom(origin: Peer | typeof BUS_ORIGIN, entry: BusEntry | undefined, reason: string): void {
    metrics.errors.inc({ kind: 'apply' });
    logger.error({ err: reason, entryId: entry?.id }, 'update failed to apply; reloading the room without it');
    closed = true;
    compaction.cancel();
    if (entry) void keepSetAside(deps, documentId, [{ entry, reason }]);
    if (origin !== BUS_ORIGIN) origin.close(CloseCode.malformed, 'update refused: it does not integrate');
    for (const peer of peers) peer.close(CloseCode.serviceRestart, 'document reloading');
    deps.onBroken?.();
  }

  function receiveEntry(entry: BusEntry): void {
    if (entry.origin === instanceId) return;
    if (entry.kind === 'update') {
      metrics.updatesIn.inc({ source: 'bus' });
      applyAndForward(entry.data, BUS_ORIGIN, entry.id);
      return;
    }
    presence.receive(entry.data);
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
      const states = presence.states();
      if (states) peer.send(encodeAwareness(states));
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
    acceptUpdate: intake.accept,
    acceptAwareness(peer, update) {
      if (!intake.refused(peer)) presence.accept(peer, update);
    },
    removePeer(peer) {
      peers.delete(peer);
      presence.removePeer(peer);
    },
    mergeStored(state) {
      if (closed) return;
      const before = Y.encodeStateVector(doc);
      try {
        Y.applyUpdate(doc, state, BUS_ORIGIN);
        room.stateSize.grew(state.byteLength);
      } catch (error) {
        breakRoom(BUS_ORIGIN, undefined, `stored state: ${(error as Error).message}`);
        return;
      }
      fullState = undefined;
      broadcast(() => encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
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
