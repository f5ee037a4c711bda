import type { LiveRoom } from './live-room.js';
import type { Peer } from './peer.js';
import { loadRoom, type LoadingRoom, type RoomLoaderDeps, type StoredStateAnswer } from './room-loader.js';

interface RoomEntry extends LoadingRoom {
  state: 'loading' | 'ready' | 'unloading';
  loaded: Promise<LiveRoom>;
  /** Set once loaded, so synchronous walks need not await. */
  live?: LiveRoom;
  unloaded?: Promise<void>;
  graceTimer?: NodeJS.Timeout;
}

export interface RoomRegistry {
  /**
   * Loads the room if needed (concurrent joiners share one load) and adds the
   * peer. While the room loads, `fromStore` may answer a fresh joiner straight
   * from the stored state, without waiting for it to be applied.
   */
  join(documentId: string, peer: Peer, fromStore?: StoredStateAnswer): Promise<LiveRoom>;
  leave(documentId: string, peer: Peer): void;
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

export interface RoomRegistryDeps extends RoomLoaderDeps {
  /** How long an empty room stays loaded, in case its clients come straight back. */
  graceMs: number;
}

export function createRoomRegistry(deps: RoomRegistryDeps): RoomRegistry {
  const rooms = new Map<string, RoomEntry>();

  function startLoad(documentId: string): RoomEntry {
    const entry = { state: 'loading', waiting: new Map() } as RoomEntry;
    const onBroken = () => void beginUnload(documentId, entry, false);
    entry.loaded = loadRoom(documentId, entry, { ...deps, onBroken }).then(
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
    async join(documentId, peer, fromStore) {
      for (;;) {
        const entry = rooms.get(documentId) ?? startLoad(documentId);
        if (entry.state === 'unloading') {
          await entry.unloaded;
          continue;
        }
        if (fromStore) entry.waiting?.set(peer, fromStore);
        const live = await entry.loaded.finally(() => entry.waiting?.delete(peer));
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

