import { brokenPathRule } from '@codesync/protocol';

/** Largest presence state (JSON) one client may hold on the project socket. */
export const MAX_PRESENCE_STATE_BYTES = 1024;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shortText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;
const line = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10_000_000;

/**
 * True if a presence state may be relayed: small JSON, an object whose known
 * fields have their shape (`user` {name, color}, `file` a project path or
 * null, `viewport` {start, end} line numbers). Other small fields may ride along.
 */
export function isValidPresence(state: string): boolean {
  if (Buffer.byteLength(state) > MAX_PRESENCE_STATE_BYTES) return false;
  let value: unknown;
  try {
    value = JSON.parse(state);
  } catch {
    return false; // not JSON: the entry is dropped, the socket stays
  }
  if (!isObject(value)) return false;
  const { user, file, viewport } = value;
  if (user !== undefined && !(isObject(user) && shortText(user.name, 80) && shortText(user.color, 32))) return false;
  if (file !== undefined && file !== null && !(typeof file === 'string' && brokenPathRule(file) === null)) return false;
  if (viewport !== undefined && viewport !== null && !(isObject(viewport) && line(viewport.start) && line(viewport.end))) {
    return false;
  }
  return true;
}
