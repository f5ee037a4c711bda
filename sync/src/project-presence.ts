import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { brokenPathRule } from '@codesync/protocol';
import { MalformedMessageError } from './messages.js';

/** Largest presence state (JSON) one client may hold on the project socket. */
export const MAX_PRESENCE_STATE_BYTES = 1024;
/** Most awareness entries one frame may carry. */
const MAX_ENTRIES_PER_FRAME = 64;

/** One entry of a y-protocols awareness update: a client's state (JSON text), or null when it left. */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: string | null;
}

/**
 * Decodes an awareness update (varUint count, then per client: varUint id,
 * varUint clock, varString JSON state) without applying anything.
 */
export function decodePresence(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES_PER_FRAME) throw new MalformedMessageError(`awareness update with ${count} entries`);
    const entries: PresenceEntry[] = [];
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      entries.push({ clientId, clock, state: json === 'null' ? null : json });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after awareness entries');
    return entries;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(`undecodable awareness update: ${(error as Error).message}`);
  }
}

export function encodePresence(entries: PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state ?? 'null');
  }
  return encoding.toUint8Array(encoder);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shortText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;
const clientId = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffff_ffff;
const line = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10_000_000;

/**
 * True if a presence state may be relayed: small JSON, an object whose known
 * fields have their shape (`user` {name, color}, `file` a project path or
 * null, `viewport` {start, end} line numbers, `line` a line number or null,
 * `following` a client id or null). Other small fields may ride along.
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
  const { user, file, viewport, line: cursorLine, following } = value;
  if (user !== undefined && !(isObject(user) && shortText(user.name, 80) && shortText(user.color, 32))) return false;
  if (file !== undefined && file !== null && !(typeof file === 'string' && brokenPathRule(file) === null)) return false;
  if (viewport !== undefined && viewport !== null && !(isObject(viewport) && line(viewport.start) && line(viewport.end))) {
    return false;
  }
  if (cursorLine !== undefined && cursorLine !== null && !line(cursorLine)) return false;
  if (following !== undefined && following !== null && !clientId(following)) return false;
  return true;
}
