import { defaultSyncLimits } from './limits.js';
import { createMemoryBus } from '@codesync/bus';
import { createMemorySnapshotStore, stateOfText, type SnapshotStore } from '@codesync/storage';
import { testLogger, waitFor } from '@codesync/testing';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultCompactionPolicy } from './compaction/schedule.js';
import { createCompactor } from './compaction/compactor.js';
import { MessageType, SyncType } from './messages.js';
import { createSyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import { createRoomRegistry } from './rooms.js';

function recordingPeer(documentId: string): Peer & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    id: 'peer-1', userId: 'u1', sessionId: 's1', documentId, role: 'editor', issuedAtMs: 0, awarenessClients: new Set(), sent,
    send: (message) => void sent.push(message),
    // Broadcasts arrive framed (frames.ts); these messages are under 64 KiB.
    sendFrame: (frame) => void sent.push(frame.subarray(frame[1] === 126 ? 4 : 2)),
    bufferedBytes: () => 0,
    close: () => undefined,
  };
}

/** The Yjs update inside a sync step 2 or update frame, or null for other frames. */
function updateOf(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.sync) return null;
  const type = decoding.readVarUint(decoder);
  return type === SyncType.step2 || type === SyncType.update ? decoding.readVarUint8Array(decoder) : null;
}

describe('room registry: answering fresh joiners while the room loads (SPEC 9)', () => {
  it('sends the stored snapshot and log before the room is built, then what was appended during the load', async () => {
    const bus = createMemoryBus();
    const stored = createMemorySnapshotStore();
    const documentId = 'doc-early';
    const base = stateOfText('stored text');
    await stored.save(documentId, base);
    // The snapshot read waits for the test, so an append can land in the middle of the load.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let snapshotRequested!: () => void;
    const requested = new Promise<void>((resolve) => (snapshotRequested = resolve));
    const store: SnapshotStore = { ...stored, latest: async (id) => (snapshotRequested(), await gate, stored.latest(id)) };
    const metrics = createSyncMetrics({ defaultMetrics: false });
    const logger = testLogger();
    const registry = createRoomRegistry({
      bus, store, instanceId: 'sync-test', logger, metrics, policy: defaultCompactionPolicy, graceMs: 50, limits: defaultSyncLimits,
      compactor: createCompactor({ bus, store, holder: 'sync-test', logger, metrics }),
    });
    // Someone typed on another instance before the load (in the log), and types while it runs.
    const typist = new Y.Doc();
    Y.applyUpdate(typist, base);
    const appends: Promise<string>[] = [];
    typist.on('update', (update: Uint8Array) => appends.push(bus.appendUpdate(documentId, update, 'sync-other')));
    typist.getText('content').insert(0, '// ');
    await Promise.all(appends);
    const peer = recordingPeer(documentId);
    let earlyAt = -1;
    const joined = registry.join(documentId, peer, (frames) => {
      earlyAt = peer.sent.length;
      for (const frame of frames) peer.send(frame);
      return true;
    });
    await requested;
    typist.getText('content').insert(typist.getText('content').length, '!');
    await Promise.all(appends);
    release();
    const live = await joined;

    expect(earlyAt).toBe(0);
    // A client counts itself synced at the step 2: by then it must hold the snapshot and the log as read.
    const step2At = peer.sent.findIndex((frame) => frame[0] === MessageType.sync && frame[1] === SyncType.step2);
    const atSynced = new Y.Doc();
    for (const frame of peer.sent.slice(0, step2At + 1)) Y.applyUpdate(atSynced, updateOf(frame)!);
    expect(atSynced.getText('content').toString()).toBe('// stored text');
    expect(live.room.text()).toBe('// stored text!');
    const client = new Y.Doc();
    for (const frame of peer.sent) {
      const update = updateOf(frame);
      if (update) Y.applyUpdate(client, update);
    }
    expect(client.getText('content').toString()).toBe('// stored text!');
    expect(live.room.text()).toBe('// stored text!');
    await registry.closeAll();
  });

  it('sends a joiner of a room saved moments ago the document once, not again the log entries the save holds', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const metrics = createSyncMetrics({ defaultMetrics: false });
    const logger = testLogger();
    const open = () =>
      createRoomRegistry({
        bus, store, instanceId: 'sync-test', logger, metrics, policy: defaultCompactionPolicy, graceMs: 50, limits: defaultSyncLimits,
        compactor: createCompactor({ bus, store, holder: 'sync-test', logger, metrics }),
      });
    const documentId = 'doc-saved-moments-ago';
    const first = open();
    const live = await first.join(documentId, recordingPeer(documentId));
    const typist = new Y.Doc();
    const appends: Promise<string>[] = [];
    typist.on('update', (update: Uint8Array) => appends.push(bus.appendUpdate(documentId, update, 'sync-other')));
    typist.getText('content').insert(0, 'x'.repeat(10_000));
    await Promise.all(appends);
    await waitFor(() => live.room.text().length === 10_000, { what: 'the room holding the typing' });
    await first.closeAll(); // the unload saves it; the trim lag keeps the entry in the log
    expect(await bus.updateCount(documentId)).toBe(1);

    const peer = recordingPeer(documentId);
    await open().join(documentId, peer, (frames) => {
      for (const frame of frames) peer.send(frame);
      return true;
    });
    const updates = peer.sent.map(updateOf).filter((update) => update !== null);
    // The step 2 alone: the 10 KB are sent once.
    expect(updates).toHaveLength(1);
    const client = new Y.Doc();
    Y.applyUpdate(client, updates[0]!);
    expect(client.getText('content').length).toBe(10_000);
  });

  it('answers nobody early once the room is built: later joiners get the normal welcome', async () => {
    const bus = createMemoryBus();
    const store = createMemorySnapshotStore();
    const metrics = createSyncMetrics({ defaultMetrics: false });
    const logger = testLogger();
    const registry = createRoomRegistry({
      bus, store, instanceId: 'sync-test', logger, metrics, policy: defaultCompactionPolicy, graceMs: 50, limits: defaultSyncLimits,
      compactor: createCompactor({ bus, store, holder: 'sync-test', logger, metrics }),
    });
    await registry.join('doc-warm', recordingPeer('doc-warm'));
    let offered = false;
    await registry.join('doc-warm', recordingPeer('doc-warm'), () => (offered = true));
    expect(offered).toBe(false);
    await registry.closeAll();
  });
});
