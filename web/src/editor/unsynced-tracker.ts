import type * as Y from 'yjs';

/** How the tracker learns that the server has taken our updates (see createAckChannel). */
export interface AckChannel {
  /** Sends sync step 1 on the open socket; false when there is no open socket. */
  sendProbe(): boolean;
  /** Calls back on every sync step 2 the server sends. */
  onStep2(callback: () => void): () => void;
}

export interface UnsyncedTrackerOptions {
  doc: Y.Doc;
  /** Whether an update came from this user's typing (not the server, not IndexedDB). */
  isLocal: (origin: unknown) => boolean;
  channel: AckChannel;
  /** Remembers "has unsynced changes" across a reload while offline. */
  storage: Storage;
  storageKey: string;
  probeDelayMs?: number;
}

/**
 * Counts local edits the server has not yet confirmed. y-websocket has no ack, but the
 * server answers sync step 1 with step 2 after handling the messages sent before it on
 * the same socket; so a step 1 "probe" after our updates comes back as their receipt.
 */
export function createUnsyncedTracker(options: UnsyncedTrackerOptions) {
  const { doc, isLocal, channel, storage, storageKey, probeDelayMs = 300 } = options;
  const listeners = new Set<() => void>();
  // A reload while offline must still say "unsynced": start from what was persisted.
  let localSeq = storage.getItem(storageKey) === '1' ? 1 : 0;
  let ackedSeq = 0;
  let probeSeq: number | null = null;
  let connected = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const hasUnsynced = (): boolean => localSeq > ackedSeq;

  function changed(): void {
    if (hasUnsynced()) storage.setItem(storageKey, '1');
    else storage.removeItem(storageKey);
    listeners.forEach((listener) => listener());
  }

  function probeSoon(): void {
    if (!connected || timer !== null || probeSeq !== null || !hasUnsynced()) return;
    timer = setTimeout(() => {
      timer = null;
      const seq = localSeq;
      if (channel.sendProbe()) probeSeq = seq;
    }, probeDelayMs);
  }

  const onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (!isLocal(origin)) return;
    const before = hasUnsynced();
    localSeq += 1;
    if (!before) changed();
    probeSoon();
  };
  doc.on('update', onUpdate);

  const offStep2 = channel.onStep2(() => {
    if (probeSeq === null) return;
    ackedSeq = Math.max(ackedSeq, probeSeq);
    probeSeq = null;
    changed();
    probeSoon();
  });

  return {
    hasUnsynced,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The provider synced with the server: confirm what was typed while away. */
    onConnected(): void {
      connected = true;
      probeSoon();
    },
    /** A probe in flight on a closed socket will never be answered. */
    onDisconnected(): void {
      connected = false;
      probeSeq = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    destroy(): void {
      this.onDisconnected();
      doc.off('update', onUpdate);
      offStep2();
      listeners.clear();
    },
  };
}

export type UnsyncedTracker = ReturnType<typeof createUnsyncedTracker>;
