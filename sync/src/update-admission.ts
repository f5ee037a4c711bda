import type { ClockRun } from '@codesync/bus';
import { canWrite, CloseCode, SHARED_TEXT } from '@codesync/protocol';
import { judgeOwnership } from './client-ownership.js';
import { textFits, type RoomLimits } from './limits.js';
import type { Peer } from './peer.js';
import type { Room } from './room.js';
import { isEmptyUpdate, judgeUpdate, type ClientRange } from './update-checks.js';

/** What becomes of one client update, decided before anything is stored (SPEC 18, 19, 21). */
export interface Refusal {
  kind: 'refuse';
  code: CloseCode;
  reason: string;
  metric: string;
}

/** What an admitted update may add to the room: its new text (UTF-8) and, at most, its bytes to the encoded state. */
export interface Growth {
  textBytes: number;
  stateBytes: number;
}

export type Admission =
  | { kind: 'drop'; metric?: string }
  | Refusal
  /** `timed`: the writer's client ids due a time checkpoint, recorded beside the append (SPEC 19). */
  | { kind: 'append'; timed: Map<number, ClockRun>; growth: Growth }
  /** First content under these client ids (and any due a time checkpoint): bind them durably, judge ownership again, then append. */
  | { kind: 'bind'; unknown: Map<number, ClockRun>; writes: Map<number, ClientRange>; growth: Growth };

export interface AdmissionContext {
  room: Room;
  limits: RoomLimits;
  /** Log entries the room holds that are not saved yet. */
  unsaved: number;
  /** Admitted updates not applied yet (binding or appending): they count against the size limits too. */
  inFlight: Growth;
}

export const clientIdRefused = (): Refusal => ({
  kind: 'refuse',
  code: CloseCode.malformed,
  reason: 'update refused: client id belongs to another user',
  metric: 'client-id',
});

/** The accept path's judgement of one update from `peer`, in the order the checks cost. */
export function admitUpdate(context: AdmissionContext, peer: Peer, update: Uint8Array): Admission {
  const { room, limits } = context;
  if (!canWrite(peer.role)) return { kind: 'drop', metric: 'viewer' };
  if (isEmptyUpdate(update)) return { kind: 'drop' };
  if (update.byteLength > limits.updateBytes) return { kind: 'refuse', code: CloseCode.tooLarge, reason: 'update too large', metric: 'update-size' };
  // Saving keeps failing: refuse rather than fill the log; the client keeps the update and re-sends it later (SPEC 21).
  if (context.unsaved >= limits.logEntries) {
    return { kind: 'refuse', code: CloseCode.tryAgainLater, reason: 'document log full: saving is failing', metric: 'log-full' };
  }
  // SPEC 18: judged against the room it would join, before anything is stored.
  const judged = judgeUpdate(room.doc, update);
  if (!judged.ok) return { kind: 'refuse', code: CloseCode.malformed, reason: `update refused: ${judged.reason}`, metric: 'integration' };
  // SPEC 21: the document stays as it was, counting what is admitted but not applied yet (a burst is judged as a whole).
  const { inFlight } = context;
  const growth: Growth = { textBytes: judged.summary.newTextBytes, stateBytes: update.byteLength };
  if (!textFits(room.doc.getText(SHARED_TEXT), growth.textBytes + inFlight.textBytes, limits.documentTextBytes)) {
    return { kind: 'refuse', code: CloseCode.tooLarge, reason: 'document too large', metric: 'document-size' };
  }
  // Content of any kind counts against the state limit; an update that only deletes may always shrink it.
  if (judged.summary.writes.size > 0 && !room.stateSize.fits(growth.stateBytes + inFlight.stateBytes, limits.documentStateBytes)) {
    return { kind: 'refuse', code: CloseCode.tooLarge, reason: 'document too large', metric: 'document-state-size' };
  }
  const ownership = judgeOwnership(room, peer.userId, judged.summary.writes);
  if (ownership.refused !== undefined) return clientIdRefused();
  if (ownership.unknown.size === 0) return { kind: 'append', timed: ownership.timed, growth };
  return { kind: 'bind', unknown: new Map([...ownership.unknown, ...ownership.timed]), writes: judged.summary.writes, growth };
}
