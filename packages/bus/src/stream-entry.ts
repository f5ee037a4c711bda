import type { BusEntry, EntryKind } from './document-bus.js';

/** Decodes one stream entry's fields (`o` origin, `d` data). */
export function decodeEntry(id: string, fields: Buffer[], kind: EntryKind): BusEntry {
  let origin = '';
  let data: Uint8Array = new Uint8Array();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]?.toString();
    const value = fields[i + 1];
    if (!value) continue;
    if (name === 'o') origin = value.toString();
    else if (name === 'd') data = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return { id, kind, origin, data };
}
