import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { memoryStorage } from '../api/test-fakes';
import { createUnsyncedTracker, type AckChannel } from './unsynced-tracker';

const REMOTE = Symbol('remote');

function setup(storage = memoryStorage()) {
  const doc = new Y.Doc();
  const step2 = new Set<() => void>();
  const channel: AckChannel & { probes: number; open: boolean } = {
    probes: 0,
    open: true,
    sendProbe() {
      if (this.open) this.probes += 1;
      return this.open;
    },
    onStep2(callback) {
      step2.add(callback);
      return () => step2.delete(callback);
    },
  };
  const tracker = createUnsyncedTracker({
    doc,
    channel,
    storage,
    storageKey: 'unsynced:d1',
    isLocal: (origin) => origin !== REMOTE,
  });
  const serverAnswers = () => step2.forEach((callback) => callback());
  const type = (text: string) => doc.getText('content').insert(0, text);
  return { doc, tracker, channel, serverAnswers, type, storage };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('unsynced tracker', () => {
  it('says unsynced after typing and clears once the server answers the probe', async () => {
    const { tracker, channel, serverAnswers, type } = setup();
    tracker.onConnected();

    type('a');
    expect(tracker.hasUnsynced()).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(channel.probes).toBe(1);

    serverAnswers();
    expect(tracker.hasUnsynced()).toBe(false);
  });

  it('does not count an answer to a probe sent before the latest edit', async () => {
    const { tracker, serverAnswers, type } = setup();
    tracker.onConnected();
    type('a');
    await vi.advanceTimersByTimeAsync(300);

    type('b');
    serverAnswers();
    expect(tracker.hasUnsynced()).toBe(true);

    await vi.advanceTimersByTimeAsync(300);
    serverAnswers();
    expect(tracker.hasUnsynced()).toBe(false);
  });

  it('ignores updates that came from the server', () => {
    const { doc, tracker } = setup();
    doc.transact(() => doc.getText('content').insert(0, 'x'), REMOTE);
    expect(tracker.hasUnsynced()).toBe(false);
  });

  it('keeps offline edits unsynced until reconnected, across a reload', async () => {
    const storage = memoryStorage();
    const first = setup(storage);
    first.type('offline edit');
    expect(first.tracker.hasUnsynced()).toBe(true);
    first.tracker.destroy();

    const reloaded = setup(storage);
    expect(reloaded.tracker.hasUnsynced()).toBe(true);
    reloaded.tracker.onConnected();
    await vi.advanceTimersByTimeAsync(300);
    reloaded.serverAnswers();
    expect(reloaded.tracker.hasUnsynced()).toBe(false);
    expect(storage.getItem('unsynced:d1')).toBeNull();
  });

  it('forgets a probe lost with its socket and probes again on reconnect', async () => {
    const { tracker, channel, serverAnswers, type } = setup();
    tracker.onConnected();
    type('a');
    await vi.advanceTimersByTimeAsync(300);
    tracker.onDisconnected();
    serverAnswers(); // a stale answer on a dead socket proves nothing
    expect(tracker.hasUnsynced()).toBe(true);

    tracker.onConnected();
    await vi.advanceTimersByTimeAsync(300);
    expect(channel.probes).toBe(2);
    serverAnswers();
    expect(tracker.hasUnsynced()).toBe(false);
  });
});
