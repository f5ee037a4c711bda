/** One stored object: its key and size. */
export interface BlobEntry {
  key: string;
  sizeBytes: number;
}

/**
 * The medium under the snapshot store: named byte strings and nothing else.
 * Versions, names, fallback and thinning are built once on top of it
 * (history-store.ts), so the file system, S3 and memory only move bytes.
 */
export interface BlobStore {
  /** Writes the whole object; a reader never sees a half-written one. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The object's bytes, or null if there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Objects directly under `prefix` (which ends with `/`), in no particular order. */
  list(prefix: string): Promise<BlobEntry[]>;
  /** Their keys only: what thinning and loading need, cheaper than sizes on a file system. */
  keys(prefix: string): Promise<string[]>;
  /** Deletes these objects; a missing one is not an error. */
  remove(keys: readonly string[]): Promise<void>;
  /** Deletes every object under `prefix`. */
  removeAll(prefix: string): Promise<void>;
  /** Throws if the medium cannot be reached (health checks). */
  check(): Promise<void>;
}
