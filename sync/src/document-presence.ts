/**
 * Every judgement of a document presence (awareness) state (SPEC 20): the
 * shape of the fields the web app reads (`user`, y-monaco's `selection`) and
 * the size cap. Other small fields may ride along.
 */
export type PresenceVerdict = 'ok' | 'too-large' | 'malformed';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const shortText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;
const isClock = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/** A Yjs ID as Yjs's JSON writes it, or null/absent. */
function isIdOrNull(value: unknown): boolean {
  return value === undefined || value === null || (isObject(value) && isClock(value.client) && isClock(value.clock));
}

/**
 * A relative position as `Y.relativePositionToJSON` (or JSON.stringify of one)
 * writes it: `item`, `type` ids or null, `tname` a root type's name or null,
 * `assoc` an integer. Yjs legitimately writes null for any of the three; one
 * of them must locate the position.
 */
function isRelativePosition(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { item, type, tname, assoc } = value;
  if (!isIdOrNull(item) || !isIdOrNull(type)) return false;
  if (tname !== undefined && tname !== null && !shortText(tname, 256)) return false;
  if (assoc !== undefined && !Number.isSafeInteger(assoc)) return false;
  return (item !== undefined && item !== null) || (type !== undefined && type !== null) || typeof tname === 'string';
}

export function judgePresence(state: string, limitBytes: number): PresenceVerdict {
  if (Buffer.byteLength(state) > limitBytes) return 'too-large';
  let value: unknown;
  try {
    value = JSON.parse(state);
  } catch {
    return 'malformed';
  }
  if (!isObject(value)) return 'malformed';
  const { user, selection } = value;
  if (user !== undefined) {
    if (!isObject(user) || !shortText(user.name, 256) || !shortText(user.color, 64)) return 'malformed';
    if (user.id !== undefined && !shortText(user.id, 128)) return 'malformed';
  }
  if (selection !== undefined && selection !== null) {
    if (!isObject(selection) || !isRelativePosition(selection.anchor) || !isRelativePosition(selection.head)) return 'malformed';
  }
  return 'ok';
}
