/** One saved version of a document: the whole Yjs state as one update. */
export interface SnapshotVersion {
  id: string;
  sizeBytes: number;
  createdAt: string;
  /** A name an editor gave it; named versions are never thinned. */
  name: string | null;
}

/** A version saved from a document's state, and the CRC-32 of the bytes saved (node:zlib `crc32`). */
export interface KnownVersion {
  versionId: string;
  crc32: number;
}

export interface Snapshot extends SnapshotVersion {
  data: Uint8Array;
}

/**
 * Where compacted document states live. Every save is a new version; the
 * newest readable version is the document's current base, older ones are its
 * history, thinned by age after each save (thinning.ts) except named ones.
 */
export interface SnapshotStore {
  /** Saves a new version and returns it (then thins the history); never overwrites an older one. */
  save(documentId: string, data: Uint8Array): Promise<SnapshotVersion>;
  /**
   * The newest readable version (an unreadable one is skipped and kept), or null for a document with none.
   * Judging bytes readable decodes them (~20 ms per MB); a version `known` to the caller, whose bytes
   * still have the checksum they were saved with, is readable without that.
   */
  latest(documentId: string, known?: KnownVersion): Promise<Snapshot | null>;
  /** One version's data, or null if there is no such version. */
  get(documentId: string, versionId: string): Promise<Uint8Array | null>;
  /** All versions, newest first. */
  list(documentId: string): Promise<SnapshotVersion[]>;
  /** Names a version (`null` clears the name, and it is thinned like any other); null if there is no such version. */
  name(documentId: string, versionId: string, name: string | null): Promise<SnapshotVersion | null>;
  /** Removes every version of the document. */
  deleteAll(documentId: string): Promise<void>;
  /** Throws if the store cannot be reached (health checks). */
  check(): Promise<void>;
}

export class StorageError extends Error {
  override readonly name = 'StorageError';
}

const VERSION_ID = /^\d{13}-[0-9a-f]{8}$/;

/**
 * Version ids sort by time when compared as strings, so "newest first" is a
 * reverse sort of names in either store, with no index to keep.
 */
export function newVersionId(now: number, random: string): string {
  return `${now.toString().padStart(13, '0')}-${random}`;
}

export function isVersionId(value: string): boolean {
  return VERSION_ID.test(value);
}

export function versionTimeMs(versionId: string): number {
  return Number(versionId.slice(0, 13));
}

export function versionTime(versionId: string): string {
  return new Date(versionTimeMs(versionId)).toISOString();
}
