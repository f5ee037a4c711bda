import { compareEntryIds } from '@codesync/bus';
import { SHARED_TEXT } from '@codesync/protocol';
import * as Y from 'yjs';
import type { StateSize } from '../limits.js';
import { highestClocks } from '../room.js';
import type { RoomCapture, SaveSource } from './compactor.js';

/**
 * A loaded room's save bookkeeping: which log entries its state holds, which
 * of those a saved snapshot holds, and its own appends still in flight. The
 * compactor asks it what to save (from memory) and tells it what was saved.
 */
export interface SavePoint extends SaveSource {
  /** Our own append: its entry may be read back before it answers. */
  appending(append: Promise<unknown>): void;
  /** Every log entry up to `upTo` has been applied to the room. */
  held(upTo: string): void;
  /** The room was loaded with the log up to `upTo`; `saved` when the snapshot it loaded already held all of it. */
  loaded(upTo: string, saved: boolean): void;
  close(): void;
}

export function createSavePoint(doc: Y.Doc, size?: Pick<StateSize, 'measured'>): SavePoint {
  /** Every log entry up to this id has been applied here (or was appended by us; see `inFlight`). */
  let heldUpTo: string | undefined;
  /** Every log entry up to this id is in a saved snapshot. */
  let savedUpTo: string | undefined;
  const inFlight = new Set<Promise<unknown>>();
  /** Clocks recorded in the client bindings from here: a save sends only those that moved. */
  const recorded = new Map<number, number>();
  let closed = false;

  function markSaved(upTo: string): void {
    if (savedUpTo === undefined || compareEntryIds(upTo, savedUpTo) > 0) savedUpTo = upTo;
  }

  return {
    appending(append) {
      const settled = append.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.finally(() => inFlight.delete(settled));
    },
    held(upTo) {
      heldUpTo = upTo;
    },
    loaded(upTo, saved) {
      heldUpTo = upTo;
      if (saved) markSaved(upTo);
    },
    async capture(): Promise<RoomCapture | undefined> {
      const upTo = heldUpTo;
      // An entry of ours read back before its append answered is applied when it answers.
      await Promise.all([...inFlight]);
      if (upTo === undefined || closed) return undefined;
      if (savedUpTo !== undefined && compareEntryIds(upTo, savedUpTo) <= 0) return { upTo };
      const state = Y.encodeStateAsUpdate(doc);
      size?.measured(state.byteLength);
      const clocks = new Map([...highestClocks(doc)].filter(([client, clock]) => recorded.get(client) !== clock));
      return { upTo, unsaved: { state, textLength: doc.getText(SHARED_TEXT).length, clocks } };
    },
    markSaved,
    clocksRecorded(clocks) {
      for (const [client, clock] of clocks) recorded.set(client, clock);
    },
    close() {
      closed = true;
    },
  };
}

