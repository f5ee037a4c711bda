import { SHARED_TEXT } from '@codesync/protocol';
import * as Y from 'yjs';
import { colorForUser } from './user-color';

// Awareness states come from other members' clients, so every field may be missing,
// of the wrong type, or huge. This is the one place that reads them: everything that
// renders presence (cursors, labels, the presence list, colours, y-monaco) sees only
// what passed here, so nothing throws inside the provider's message handler.

/** Longest name shown in a label or the presence list (code points). */
export const NAME_MAX_CHARS = 48;
const ID_MAX_CHARS = 128;
/** Names longer than this are cut before they are scanned, so a 4 MiB name costs nothing. */
const NAME_SCAN_CHARS = 4 * NAME_MAX_CHARS;

/** What each client publishes in awareness besides y-monaco's `selection`. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface RemoteSelection {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

export interface Presence {
  user: PresenceUser;
  selection: RemoteSelection | null;
}

type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isClock(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A CSS colour that can go into an injected stylesheet: `#rrggbb` only. */
export function isSafeColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
}

/**
 * What a person reads as a name: no control or format characters (bidi overrides and
 * zero-width characters can make one name pass for another), trimmed, capped.
 */
export function displayName(value: string): string {
  const cleaned = value.slice(0, NAME_SCAN_CHARS).replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '').replace(/\s+/g, ' ').trim();
  const chars = [...cleaned];
  if (chars.length === 0) return 'Unnamed';
  return chars.length > NAME_MAX_CHARS ? `${chars.slice(0, NAME_MAX_CHARS - 1).join('')}…` : cleaned;
}

function readUser(value: unknown): PresenceUser | null {
  if (!isRecord(value)) return null;
  const { id, name, color } = value;
  if (typeof id !== 'string' || id.length === 0 || id.length > ID_MAX_CHARS || typeof name !== 'string') return null;
  return { id, name: displayName(name), color: isSafeColor(color) ? color : colorForUser(id) };
}

function readId(value: unknown): Y.ID | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isRecord(value) || !isClock(value.client) || !isClock(value.clock)) return undefined;
  return Y.createID(value.client, value.clock);
}

/**
 * A relative position as Yjs's own JSON encodes it, pointing into the shared text.
 * Returns null for anything else: `{}`, a position in another root type (decoding it
 * would create that type in our document), ids that are not safe integers.
 */
export function readRelativePosition(value: unknown): Y.RelativePosition | null {
  if (!isRecord(value)) return null;
  const item = readId(value.item);
  const type = readId(value.type);
  const { tname, assoc = 0 } = value;
  if (item === undefined || type === undefined) return null;
  if (tname !== undefined && tname !== null && tname !== SHARED_TEXT) return null;
  if (typeof assoc !== 'number' || !Number.isSafeInteger(assoc)) return null;
  if (item === null && type === null && tname !== SHARED_TEXT) return null;
  return Y.createRelativePositionFromJSON({ item, type, tname: tname ?? null, assoc });
}

function readSelection(value: unknown): RemoteSelection | null {
  if (!isRecord(value)) return null;
  const anchor = readRelativePosition(value.anchor);
  const head = readRelativePosition(value.head);
  return anchor && head ? { anchor, head } : null;
}

/** A remote awareness state as the app may use it, or null when it has no usable user. */
export function readPresence(state: unknown): Presence | null {
  if (!isRecord(state)) return null;
  const user = readUser(state.user);
  return user && { user, selection: readSelection(state.selection) };
}

/** The index in `text` a relative position points to, or null when it is not in it (yet). */
export function indexInText(position: Y.RelativePosition, text: Y.Text): number | null {
  const doc = text.doc;
  if (!doc) return null;
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
    return absolute && absolute.type === text ? absolute.index : null;
  } catch (error) {
    // The shape was checked, so this is a Yjs edge case (e.g. a struct in transit):
    // the cursor is simply not drawn until the next state arrives.
    console.warn('codesync: ignoring a remote cursor that does not decode', error);
    return null;
  }
}

/** Every usable presence in the awareness, by client id (the local one included). */
export function presences(states: Map<number, unknown>): Map<number, Presence> {
  const result = new Map<number, Presence>();
  states.forEach((state, clientId) => {
    const presence = readPresence(state);
    if (presence) result.set(clientId, presence);
  });
  return result;
}
