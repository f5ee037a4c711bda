import type { ContentLimits } from '@codesync/protocol';

// The sync service refuses content over its limits (close code 4413). A refused update
// would stay in this client's own Y.Doc and be re-sent, and refused, on every reconnect,
// so an edit is judged here before it enters the document at all.

/** What one local edit replaces: the text it removes and the text it puts in its place. */
export interface EditPart {
  removed: string;
  inserted: string;
}

/** The document as the checker needs it: its length (UTF-16) cheaply, its bytes on demand. */
export interface DocumentSize {
  length: number;
  /** Exact UTF-8 bytes: costs a pass over the whole text. */
  bytes(): number;
  /** A cheap bound the bytes never exceed (Infinity when unknown). */
  bytesAtMost?(): number;
}

export type EditVerdict = { ok: true } | { ok: false; limit: 'document' | 'update'; message: string };

/**
 * Room for what a Yjs update carries besides the inserted text (struct headers, client
 * ids, origins, the delete set): generous for one local edit.
 */
const UPDATE_OVERHEAD_BYTES = 4 * 1024;
/** One UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4). */
const MAX_BYTES_PER_UNIT = 3;

/** UTF-8 length of a string without encoding it (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** "2 MiB", "512 KiB", "1.5 MiB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

/** Whether an edit keeps the document and the update it makes within the limits. */
export function judgeEdit(size: DocumentSize, parts: readonly EditPart[], limits: ContentLimits): EditVerdict {
  const inserted = parts.reduce((sum, part) => sum + utf8Length(part.inserted), 0);
  if (inserted + UPDATE_OVERHEAD_BYTES > limits.updateBytes) {
    return {
      ok: false,
      limit: 'update',
      message: `This edit adds ${formatBytes(inserted)} at once; at most ${formatBytes(limits.updateBytes - UPDATE_OVERHEAD_BYTES)} can be sent in one edit. Nothing was changed.`,
    };
  }
  // Most documents are far below the cap: prove it from the length before counting bytes.
  if (size.length * MAX_BYTES_PER_UNIT + inserted <= limits.documentTextBytes) return { ok: true };
  const removed = parts.reduce((sum, part) => sum + utf8Length(part.removed), 0);
  if ((size.bytesAtMost?.() ?? Number.POSITIVE_INFINITY) - removed + inserted <= limits.documentTextBytes) return { ok: true };
  const after = size.bytes() - removed + inserted;
  if (after <= limits.documentTextBytes || inserted <= removed) return { ok: true };
  return {
    ok: false,
    limit: 'document',
    message: `This edit would make the document ${formatBytes(after)}; a document can hold at most ${formatBytes(limits.documentTextBytes)} of text. Nothing was changed.`,
  };
}
