import type { ClockRun, DocumentBus } from '@codesync/bus';
import { CloseCode } from '@codesync/protocol';
import type { Logger } from 'pino';
import type { CompactionSchedule } from './compaction/schedule.js';
import type { SavePoint } from './compaction/save-point.js';
import { claimClients, judgeOwnership } from './client-ownership.js';
import type { RoomLimits } from './limits.js';
import type { SyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import type { Room } from './room.js';
import { admitUpdate, clientIdRefused, type Growth, type Refusal } from './update-admission.js';

/**
 * A client's update on its way into the room: judged (update-admission.ts),
 * its new client ids bound durably first (SPEC 19), appended to the log, and
 * only then handed back to be applied and forwarded: it counts once it is in
 * the log. A socket refused once is remembered, so nothing more of its is taken
 * while it closes.
 */
export interface UpdateIntake {
  /** Settles once the update is applied and forwarded, or was dropped or refused. */
  accept(peer: Peer, update: Uint8Array): Promise<void>;
  refused(peer: Peer): boolean;
}

export interface UpdateIntakeDeps {
  bus: DocumentBus;
  instanceId: string;
  logger: Logger;
  metrics: SyncMetrics;
  compaction: CompactionSchedule;
  savePoint: SavePoint;
  limits: RoomLimits;
  /** The update is in the log under `entryId`: apply it to the room and forward it. */
  appended(update: Uint8Array, peer: Peer, entryId: string): void;
}

export function createUpdateIntake(room: Room, deps: UpdateIntakeDeps): UpdateIntake {
  const { bus, instanceId, logger, metrics, compaction, savePoint } = deps;
  const refusedPeers = new WeakSet<Peer>();
  /** What admitted updates still binding or appending will add: the next update is judged with them. */
  const inFlight: Growth = { textBytes: 0, stateBytes: 0 };

  /** Counts an admitted update's growth until it is applied (or not stored after all). */
  function reserve(growth: Growth, settled: Promise<void>): Promise<void> {
    inFlight.textBytes += growth.textBytes;
    inFlight.stateBytes += growth.stateBytes;
    return settled.finally(() => {
      inFlight.textBytes -= growth.textBytes;
      inFlight.stateBytes -= growth.stateBytes;
    });
  }

  /** Not in the log, so not accepted: the socket closes and its client re-sends the update when it reconnects. */
  function notStored(peer: Peer, step: 'bind' | 'append', error: Error): void {
    metrics.errors.inc({ kind: step });
    logger.error({ err: error.message, connId: peer.id }, `${step === 'bind' ? 'client binding' : 'append'} failed; closing the socket`);
    peer.close(CloseCode.internalError, 'update not stored');
  }

  function refuse(peer: Peer, verdict: Refusal): Promise<void> {
    refusedPeers.add(peer);
    metrics.refused.inc({ reason: verdict.metric });
    peer.close(verdict.code, verdict.reason);
    return Promise.resolve();
  }

  function accept(peer: Peer, update: Uint8Array): Promise<void> {
    if (refusedPeers.has(peer)) return Promise.resolve();
    const context = { room, limits: deps.limits, unsaved: compaction.unsaved(), inFlight };
    const verdict = admitUpdate(context, peer, update);
    switch (verdict.kind) {
      case 'drop':
        if (verdict.metric) metrics.droppedUpdates.inc({ reason: verdict.metric });
        return Promise.resolve();
      case 'refuse':
        return refuse(peer, verdict);
      case 'append':
        if (verdict.timed.size > 0) recordTimes(peer, verdict.timed);
        return reserve(verdict.growth, append(peer, update));
      case 'bind':
        break;
    }
    // First content under these client ids: bound durably before anything is stored (SPEC 19).
    const bound = claimClients(bus, room, peer.userId, verdict.unknown).then(
      () => {
        if (judgeOwnership(room, peer.userId, verdict.writes).refused !== undefined) return refuse(peer, clientIdRefused());
        return append(peer, update);
      },
      (error: Error) => notStored(peer, 'bind', error),
    );
    savePoint.appending(bound);
    return reserve(verdict.growth, bound);
  }

  /** Arrival times are for attribution only: recorded beside the append, never holding it up; a failure loses one checkpoint. */
  function recordTimes(peer: Peer, timed: Map<number, ClockRun>): void {
    claimClients(bus, room, peer.userId, timed).catch((error: Error) => {
      metrics.errors.inc({ kind: 'bind' });
      logger.warn({ err: error.message, connId: peer.id }, 'recording client times failed');
    });
  }

  function append(peer: Peer, update: Uint8Array): Promise<void> {
    const started = performance.now();
    const appended = bus.appendUpdate(room.documentId, update, instanceId).then(
      (entryId) => {
        metrics.appendSeconds.observe((performance.now() - started) / 1000);
        metrics.updatesIn.inc({ source: 'client' });
        deps.appended(update, peer, entryId);
      },
      (error: Error) => notStored(peer, 'append', error),
    );
    savePoint.appending(appended);
    return appended;
  }

  return { accept, refused: (peer) => refusedPeers.has(peer) };
}
