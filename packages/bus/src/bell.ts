import type { BusEntry } from './document-bus.js';

/**
 * What a document's bell carries. An update: `u<previous id>\n<id>\n<origin>\n<data>`
 * (written by the append script); awareness: `a<origin>\n<data>` (live only,
 * never logged). Origins are instance ids and never hold a newline.
 */
export type Bell = { kind: 'update'; previous: string; entry: BusEntry } | { kind: 'awareness'; entry: BusEntry };

const NEWLINE = 0x0a;
const UPDATE = 0x75; // 'u'
const AWARENESS = 0x61; // 'a'

export function assertOrigin(origin: string): void {
  if (origin.includes('\n')) throw new Error('a bus origin cannot hold a newline');
}

export function encodeAwarenessBell(origin: string, data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`a${origin}\n`), data]);
}

/** Decodes a bell message, or undefined if it is not one. */
export function decodeBell(message: Buffer): Bell | undefined {
  const kind = message[0];
  if (kind === AWARENESS) {
    const end = message.indexOf(NEWLINE, 1);
    if (end < 0) return undefined;
    const entry = { id: '', kind: 'awareness', origin: message.toString('utf8', 1, end), data: viewOf(message, end + 1) } as const;
    return { kind: 'awareness', entry };
  }
  if (kind !== UPDATE) return undefined;
  const first = message.indexOf(NEWLINE, 1);
  const second = first < 0 ? -1 : message.indexOf(NEWLINE, first + 1);
  const third = second < 0 ? -1 : message.indexOf(NEWLINE, second + 1);
  if (third < 0) return undefined;
  const entry: BusEntry = {
    id: message.toString('latin1', first + 1, second),
    kind: 'update',
    origin: message.toString('utf8', second + 1, third),
    data: viewOf(message, third + 1),
  };
  return { kind: 'update', previous: message.toString('latin1', 1, first), entry };
}

function viewOf(message: Buffer, start: number): Uint8Array {
  return new Uint8Array(message.buffer, message.byteOffset + start, message.byteLength - start);
}
