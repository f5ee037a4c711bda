import { readDocumentState, type BusEntry, type DocumentBus, type DocumentState, type Subscription } from '@codesync/bus';
import type { SnapshotStore } from '@codesync/storage';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { createCompactionSchedule, type CompactionPolicy } from './compaction-schedule.js';
import type { Compactor } from './compactor.js';
import { createLiveRoom, type LiveRoom } from './live-room.js';
import type { SyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import { encodeSyncStep2, encodeUpdate } from './messages.js';
import { createRoom, EMPTY_UPDATE, sameBytes } from './room.js';

/** Longest the room waits for early answers to be written out before it applies the document. */
const EARLY_DRAIN_MAX_MS = 3000;

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
export type EarlyAnswer = (frames: Uint8Array[]) => boolean;

interface RoomEntry {
  state: 'loading' | 'ready' | 'unloading';
  /** Joiners waiting for the load that may be answered from the stored state before the room is built. */
  early?: Map<Peer, EarlyAnswer>;
  loaded: Promise<LiveRoom>;
  /** Set once loaded, so synchronous walks need not await. */
  live?: LiveRoom;
  unloaded?: Promise<void>;
  subscription?: Subscription;
  graceTimer?: NodeJS.Timeout;
}

export interface RoomRegistry {
  /**
   * Loads the room if needed (concurrent joiners share one load) and adds the
   * peer. While the room loads, `early` may answer a fresh joiner straight
   * from the stored state, without waiting for it to be applied.
   */
  join(documentId: string, peer: Peer, early?: EarlyAnswer): Promise<LiveRoom>;
  leave(documentId: string, peer: Peer): void;
  /** Peers of every loaded room. */
  peers(): Iterable<Peer>;
  /** Rooms in memory: loading, loaded, or still unloading (saving before it lets go). */
  roomCount(): number;
  /** The loaded room of a document, if there is one. */
  live(documentId: string): LiveRoom | undefined;
  /** True while a room for the document is loading, loaded or unloading here. */
  isLoaded(documentId: string): boolean;
  /** Unloads a room at once (document deleted), without compacting. */
  drop(documentId: string): Promise<void>;
  /** Compacts and unloads every room (shutdown). */
  closeAll(): Promise<void>;
}

export interface RoomRegistryDeps {
  bus: DocumentBus;
  store: SnapshotStore;
  compactor: Compactor;
  instanceId: string;
  logger: Logger;
  metrics: SyncMetrics;
  policy: CompactionPolicy;
  /** How long an empty room stays loaded, in case its clients come straight back. */
  graceMs: number;
}

export function createRoomRegistry(deps: RoomRegistryDeps): RoomRegistry {
  const rooms = new Map<string, RoomEntry>();

  async function load(documentId: string, entry: RoomEntry): Promise<LiveRoom> {
    const room = createRoom(documentId);
    const compaction = createCompactionSchedule(
      () => deps.compactor.compactRoom(documentId, live),
      deps.policy,
      deps.logger.child({ docId: documentId }),
    );
    const live = createLiveRoom(room, { ...deps, compaction });
    // Entries read live before the room is built wait here, in order.
    let early: BusEntry[] | undefined = [];
    const state = await readDocumentState(deps.bus, deps.store, documentId, (lastEntryId) => {
      entry.subscription = deps.bus.subscribe(documentId, lastEntryId, (_id, entries) => {
        if (early) early.push(...entries);
        else live.receiveEntries(entries);
      });
    }).catch((error: unknown) => {
      entry.subscription?.unsubscribe();
      live.close();
      throw error;
    });
    const answered = answerEarly(entry, state);
    // Let the answer leave before the event loop is taken up by applying the document.
    await drained(answered, EARLY_DRAIN_MAX_MS);
    const logChanged = applyLoadedState(room.doc, state.snapshot, state.entries.map((e) => e.data));
    // Log entries that change nothing the snapshot holds were saved already (they wait out the trim lag).
    if (state.entries.length > 0) live.loaded(state.lastEntryId, !logChanged);
    // Peers answered early get what was read live meanwhile, and everything after.
    for (const peer of answered) live.peers.add(peer);
    live.receiveEntries(early);
    early = undefined;
    // A log left by an instance that died before compacting it: compact it now (nothing is saved if it is held already).
    for (let i = 0; i < state.entries.length; i++) compaction.notify();
    deps.metrics.rooms.inc();
    return live;
  }

  /**
   * Sends the stored state to fresh joiners before it is applied (applying a
   * large document takes far longer than sending its bytes): each log entry
   * as an update, then the snapshot as stored in a sync step 2 (entries the
   * snapshot already holds change nothing on the client; merging them here
   * would cost as much as applying them).
   */
  function answerEarly(entry: RoomEntry, state: DocumentState): Peer[] {
    const waiting = entry.early;
    entry.early = undefined;
    const answered: Peer[] = [];
    if (!waiting || waiting.size === 0) return answered;
    const frames = [...state.entries.map((e) => encodeUpdate(e.data)), encodeSyncStep2(state.snapshot ?? EMPTY_UPDATE)];
    for (const [peer, answer] of waiting) if (answer(frames)) answered.push(peer);
    return answered;
  }

  function startLoad(documentId: string): RoomEntry {
    const entry = { state: 'loading', early: new Map() } as RoomEntry;
    entry.loaded = load(documentId, entry).then(
      (live) => {
        entry.state = 'ready';
        entry.live = live;
        return live;
      },
      (error: unknown) => {
        if (rooms.get(documentId) === entry) rooms.delete(documentId);
        throw error;
      },
    );
    rooms.set(documentId, entry);
    return entry;
  }

  async function unload(documentId: string, entry: RoomEntry, compact: boolean): Promise<void> {
    entry.state = 'unloading';
    clearTimeout(entry.graceTimer);
    const live = await entry.loaded;
    entry.subscription?.unsubscribe();
    if (compact) {
      await live.compaction.flush().catch((error: Error) =>
        deps.logger.warn({ docId: documentId, err: error.message }, 'flush on unload failed; the log keeps the updates'),
      );
    }
    for (const peer of live.peers) live.removePeer(peer);
    live.close();
    deps.metrics.rooms.dec();
    if (rooms.get(documentId) === entry) rooms.delete(documentId);
  }

  function beginUnload(documentId: string, entry: RoomEntry, compact: boolean): Promise<void> {
    entry.unloaded ??= unload(documentId, entry, compact);
    return entry.unloaded;
  }

  return {
    async join(documentId, peer, early) {
      for (;;) {
        const entry = rooms.get(documentId) ?? startLoad(documentId);
        if (entry.state === 'unloading') {
          await entry.unloaded;
          continue;
        }
        if (early) entry.early?.set(peer, early);
        const live = await entry.loaded.finally(() => entry.early?.delete(peer));
        if (rooms.get(documentId) !== entry || entry.state !== 'ready') continue;
        clearTimeout(entry.graceTimer);
        live.peers.add(peer);
        return live;
      }
    },
    leave(documentId, peer) {
      const entry = rooms.get(documentId);
      if (!entry || entry.state !== 'ready') return;
      void entry.loaded.then((live) => {
        if (!live.peers.has(peer)) return;
        live.removePeer(peer);
        if (live.peers.size > 0 || entry.state !== 'ready') return;
        clearTimeout(entry.graceTimer);
        entry.graceTimer = setTimeout(() => void beginUnload(documentId, entry, true), deps.graceMs);
        entry.graceTimer.unref();
      });
    },
    *peers() {
      for (const entry of rooms.values()) {
        if (entry.state === 'ready' && entry.live) yield* entry.live.peers;
      }
    },
    isLoaded: (documentId) => rooms.has(documentId),
    live: (documentId) => rooms.get(documentId)?.live,
    roomCount: () => rooms.size,
    async drop(documentId) {
      const entry = rooms.get(documentId);
      if (entry) await beginUnload(documentId, entry, false);
    },
    async closeAll() {
      await Promise.all(
        [...rooms.entries()].map(([id, entry]) =>
          beginUnload(id, entry, true).catch((error: Error) =>
            deps.logger.warn({ docId: id, err: error.message }, 'room failed to unload cleanly'),
          ),
        ),
      );
    },
  };
}

/**
 * Applies the snapshot, then the log entries, in one transaction (Yjs cleans
 * up, merging structs and collecting deleted content, once rather than per
 * entry). Says whether the entries changed anything the snapshot holds: added
 * structs, deleted any, or left some pending (waiting for what they build on:
 * only a new save is sure to hold them).
 */
function applyLoadedState(doc: Y.Doc, snapshot: Uint8Array | null, entries: Uint8Array[]): boolean {
  let changed = snapshot === null && entries.length > 0;
  Y.transact(doc, (transaction) => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    const clocks = Y.encodeStateVector(doc);
    const deletions = countDeletions(transaction);
    for (const entry of entries) Y.applyUpdate(doc, entry);
    changed ||= countDeletions(transaction) !== deletions || !sameBytes(clocks, Y.encodeStateVector(doc));
  });
  return changed || doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

function countDeletions(transaction: Y.Transaction): number {
  let count = 0;
  for (const ranges of transaction.deleteSet.clients.values()) count += ranges.length;
  return count;
}
