import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipSource {
  path: string;
  kind: 'file' | 'folder';
  /** Loaded only when the stream reaches this entry, so memory holds one file at a time. */
  text?: () => Promise<string>;
}

/** Texts read ahead of the one being deflated: reads overlap (each waits on Redis and storage). */
const READ_AHEAD = 8;

/**
 * A zip of `entries` as a byte stream (fflate's streaming writer): each file
 * is read and deflated when the reader asks for more, so a slow download
 * holds back the reading of texts instead of buffering the whole archive.
 */
export function zipStream(entries: ZipSource[]): ReadableStream<Uint8Array> {
  let next = 0;
  let zip: Zip;
  const reads = new Map<number, Promise<string>>();
  const readFrom = (index: number) => {
    for (let i = index; i < Math.min(entries.length, index + READ_AHEAD); i += 1) {
      const text = entries[i]?.text;
      if (!text || reads.has(i)) continue;
      const read = text();
      // Handled here so a failing read-ahead is no unhandled rejection; it still fails its own turn below.
      read.catch(() => null);
      reads.set(i, read);
    }
    const own = reads.get(index) ?? Promise.resolve('');
    reads.delete(index);
    return own;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      if (next > entries.length) return;
      const index = next;
      const entry = entries[index];
      next += 1;
      if (!entry) return zip.end();
      if (entry.kind === 'folder') {
        const folder = new ZipPassThrough(`${entry.path}/`);
        zip.add(folder);
        folder.push(new Uint8Array(), true);
        return;
      }
      const data = new TextEncoder().encode(await readFrom(index));
      const file = new ZipDeflate(entry.path, { level: 6 });
      zip.add(file);
      file.push(data, true);
    },
  });
}
