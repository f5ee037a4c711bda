import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

export interface ZipReadLimits {
  /** Largest uncompressed file. */
  maxFileBytes: number;
  /** Largest sum of uncompressed files. */
  maxTotalBytes: number;
  /** Most entries (files and folders). */
  maxEntries: number;
}

export interface ZipItem {
  /** The entry's name as stored, folders without their trailing "/". */
  name: string;
  kind: 'file' | 'folder';
  data: Uint8Array;
}

/** Why an archive was refused: not a zip we can read, or larger than the limits once expanded. */
export class ZipReadError extends Error {
  override readonly name = 'ZipReadError';
  constructor(
    readonly reason: 'invalid' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/** Compressed bytes handed to the decompressor at a time: bounds what one step can expand to (deflate's ratio is at most ~1032:1). */
const SLICE_BYTES = 16 * 1024;

/**
 * Expands a zip with fflate's streaming reader, counting real output bytes
 * rather than trusting the sizes the archive declares, so a zip bomb is
 * stopped a slice after it passes a limit, not after it filled memory.
 */
export function readZip(zip: Uint8Array, limits: ZipReadLimits): ZipItem[] {
  const items: ZipItem[] = [];
  let total = 0;
  let failure: ZipReadError | undefined;
  const fail = (error: ZipReadError) => {
    failure ??= error;
  };

  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    if (items.length >= limits.maxEntries) return fail(new ZipReadError('too_large', `the archive has more than ${limits.maxEntries} entries`));
    const isFolder = file.name.endsWith('/');
    const chunks: Uint8Array[] = [];
    let size = 0;
    const item: ZipItem = { name: isFolder ? file.name.slice(0, -1) : file.name, kind: isFolder ? 'folder' : 'file', data: new Uint8Array() };
    items.push(item);
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) return fail(new ZipReadError('invalid', `"${file.name}" cannot be expanded: ${error.message}`));
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (size > limits.maxFileBytes) {
        file.terminate();
        return fail(new ZipReadError('too_large', `"${file.name}" expands to more than ${limits.maxFileBytes} bytes`));
      }
      if (total > limits.maxTotalBytes) {
        file.terminate();
        return fail(new ZipReadError('too_large', `the archive expands to more than ${limits.maxTotalBytes} bytes`));
      }
      chunks.push(chunk);
      if (final) item.data = concat(chunks, size);
    };
    try {
      file.start();
    } catch (error) {
      fail(new ZipReadError('invalid', `"${file.name}": ${(error as Error).message}`));
    }
  });
  unzip.register(UnzipInflate);

  try {
    for (let offset = 0; offset < zip.byteLength && !failure; offset += SLICE_BYTES) {
      const end = Math.min(offset + SLICE_BYTES, zip.byteLength);
      unzip.push(zip.subarray(offset, end), end === zip.byteLength);
    }
  } catch (error) {
    fail(new ZipReadError('invalid', `not a readable zip archive: ${(error as Error).message}`));
  }
  if (failure) throw failure;
  if (zip.byteLength > 0 && items.length === 0 && !looksLikeEmptyZip(zip)) {
    throw new ZipReadError('invalid', 'not a zip archive');
  }
  return items;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** An empty zip is its end-of-central-directory record alone (signature PK\x05\x06). */
function looksLikeEmptyZip(zip: Uint8Array): boolean {
  return zip.byteLength === 22 && zip[0] === 0x50 && zip[1] === 0x4b && zip[2] === 0x05 && zip[3] === 0x06;
}
