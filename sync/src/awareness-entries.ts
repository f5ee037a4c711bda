import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedMessageError } from './messages.js';

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
