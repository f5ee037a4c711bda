import { readDocumentState, rebuildDocument, type BusEntry, type DocumentBus, type DocumentState, type Subscription } from '@codesync/bus';
import type { SnapshotStore } from '@codesync/storage';
import type { Logger } from 'pino';
import type { Compactor } from './compaction/compactor.js';
import { createSavePoint } from './compaction/save-point.js';
import { createCompactionSchedule, type CompactionPolicy } from './compaction/schedule.js';
import type { RoomLimits } from './limits.js';
import { createLiveRoom, type LiveRoom } from './live-room.js';
import { encodeSyncStep2, encodeUpdate } from './messages.js';
import type { SyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import { createRoom, EMPTY_UPDATE } from './room.js';
import { keepSetAside } from './set-aside.js';

/** Longest the room waits for answers from the stored state to be written out before it applies the document. */
const STORED_ANSWER_DRAIN_MAX_MS = 3000;

/** Resolves once every peer's socket has written out what it was given (or after `maxMs`). */
async function drained(peers: Peer[], maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (peers.some((peer) => peer.bufferedBytes() > 0) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * Offered to a joiner while its room is still being built: the frames a fresh
 * client (empty state vector) needs, made from the stored state as read — the
 * log's entries as updates, then a sync step 2 with the snapshot. The step 2
 * comes last because a client counts itself synced when it arrives; entries
 * before it wait on the client as pending until the snapshot they build on
 * lands. Returns true if the peer sent them, and so must also get every entry
 * read live from then on.
 */
export type StoredStateAnswer = (frames: Uint8Array[]) => boolean;

/** A room being loaded, as the registry sees it. */
export interface LoadingRoom {
  /** Joiners that may be answered from the stored state before the room is built (cleared once answered). */
  waiting?: Map<Peer, StoredStateAnswer>;
  /** The live reading of the document's log, started between reading the log and the snapshot. */
  subscription?: Subscription;
}

export interface RoomLoaderDeps {
  bus: DocumentBus;
  store: SnapshotStore;
  compactor: Compactor;
  instanceId: string;
  logger: Logger;
  metrics: SyncMetrics;
  policy: CompactionPolicy;
  limits: RoomLimits;
  /** Called when the loaded room breaks (live-room.ts): the registry unloads it without compacting. */
  onBroken?: () => void;
}

/**
 * Builds a document's room from the log and the newest snapshot (SPEC 9),
 * then joins it to the live log. Joiners waiting meanwhile may get the stored
 * state before it is applied.
 */
export async function loadRoom(documentId: string, loading: LoadingRoom, deps: RoomLoaderDeps): Promise<LiveRoom> {
  // Entries read live before the room is built wait here, in order.
  const readMeanwhile: BusEntry[] = [];
  // Set once the room is built; from then on live entries go straight to it.
  const built: { live?: LiveRoom; trimmedMeanwhile?: boolean } = {};
  const state = await readDocumentState(deps.bus, deps.store, documentId, (lastEntryId) => {
    loading.subscription = deps.bus.subscribe(
      documentId,
      lastEntryId,
      (_id, entries) => {
        if (built.live) built.live.receiveEntries(entries);
        else readMeanwhile.push(...entries);
      },
      () => {
        if (built.live) void mergeNewestSnapshot(built.live, deps, documentId);
        else built.trimmedMeanwhile = true;
      },
    );
  }).catch((error: unknown) => {
    loading.subscription?.unsubscribe();
    throw error;
  });
  const answered = answerFromStoredState(loading, state);
  // Let the answer leave before the event loop is taken up by applying the document.
  await drained(answered, STORED_ANSWER_DRAIN_MAX_MS);
  let rebuilt: Awaited<ReturnType<typeof rebuildDocument>>;
  let bindings: Awaited<ReturnType<DocumentBus['clientBindings']>>;
  try {
    [rebuilt, bindings] = await Promise.all([rebuildDocument(state.snapshot, state.entries), deps.bus.clientBindings(documentId)]);
  } catch (error) {
    loading.subscription?.unsubscribe();
    throw error;
  }
  // One bad entry never keeps the document from opening (SPEC 18): the rest loads without it.
  await keepSetAside(deps, documentId, rebuilt.setAside);
  // Times are for the attribution API; a room only judges ownership.
  const owners = new Map([...bindings].map(([client, { userId, clock }]) => [client, { userId, clock }]));
  // The stored bytes bound the state: merging never makes it larger than its parts.
  const storedBytes = state.entries.reduce((sum, entry) => sum + entry.data.byteLength, state.snapshot?.byteLength ?? 0);
  const room = createRoom(documentId, rebuilt.doc, owners, storedBytes);
  const savePoint = createSavePoint(room.doc, room.stateSize);
  const compaction = createCompactionSchedule(
    () => deps.compactor.compactRoom(documentId, savePoint),
    deps.policy,
    deps.logger.child({ docId: documentId }),
  );
  const live = createLiveRoom(room, { ...deps, compaction, savePoint });
  // Log entries that change nothing the snapshot holds were saved already (they wait out the trim lag).
  if (state.lastEntryId !== '0') savePoint.loaded(state.lastEntryId, !rebuilt.logChanged);
  // Peers answered from the stored state get what was read live meanwhile, and everything after.
  for (const peer of answered) live.peers.add(peer);
  live.receiveEntries(readMeanwhile);
  built.live = live;
  if (built.trimmedMeanwhile) void mergeNewestSnapshot(live, deps, documentId);
  // A log left by an instance that died before compacting it: compact it now (nothing is saved if it is held already).
  for (let i = 0; i < state.entries.length; i++) compaction.notify();
  deps.metrics.rooms.inc();
  return live;
}

/**
 * The room's reader stalled past the trim lag and entries were trimmed before
 * it read them: they are in the newest snapshot (the compactor trims only what
 * it saved), so merging that brings them back.
 */
async function mergeNewestSnapshot(live: LiveRoom, deps: RoomLoaderDeps, documentId: string): Promise<void> {
  try {
    const snapshot = await deps.store.latest(documentId);
    if (snapshot) live.mergeStored(snapshot.data);
  } catch (error) {
    deps.logger.error({ err: (error as Error).message, docId: documentId }, 'could not reload the snapshot after a trimmed gap');
  }
}

/**
 * Sends the stored state to fresh joiners before it is applied (applying a
 * large document takes far longer than sending its bytes): each log entry
 * as an update, then the snapshot as stored in a sync step 2 (entries the
 * snapshot already holds change nothing on the client; merging them here
 * would cost as much as applying them).
 */
function answerFromStoredState(loading: LoadingRoom, state: DocumentState): Peer[] {
  const waiting = loading.waiting;
  loading.waiting = undefined;
  const answered: Peer[] = [];
  if (!waiting || waiting.size === 0) return answered;
  const frames = [...state.entries.map((e) => encodeUpdate(e.data)), encodeSyncStep2(state.snapshot ?? EMPTY_UPDATE)];
  for (const [peer, answer] of waiting) if (answer(frames)) answered.push(peer);
  return answered;
}
