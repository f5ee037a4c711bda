import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipSource {
  path: string;
  kind: 'file' | 'folder';
  /** Loaded only when the stream reaches this entry, so memory holds one file at a time. */
  text?: () => Promise<string>;
}

/**
 * A zip of `entries` as a byte stream (fflate's streaming writer): each file
 * is read and deflated when the reader asks for more, so a slow download
 * holds back the reading of texts instead of buffering the whole archive.
 */
export function zipStream(entries: ZipSource[]): ReadableStream<Uint8Array> {
  let next = 0;
  let zip: Zip;
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
      const entry = entries[next];
      next += 1;
      if (!entry) return zip.end();
      if (entry.kind === 'folder') {
        const folder = new ZipPassThrough(`${entry.path}/`);
        zip.add(folder);
        folder.push(new Uint8Array(), true);
        return;
      }
      const data = new TextEncoder().encode((await entry.text?.()) ?? '');
      const file = new ZipDeflate(entry.path, { level: 6 });
      zip.add(file);
      file.push(data, true);
    },
  });
}
