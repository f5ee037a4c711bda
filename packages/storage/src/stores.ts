import path from 'node:path';
import type { Logger } from 'pino';
import { createFileBlobs } from './file-blobs.js';
import { createHistoryStore, type HistoryOptions } from './history-store.js';
import { createMemoryBlobs } from './memory-blobs.js';
import { createS3Blobs, type S3StoreOptions } from './s3-blobs.js';
import type { SnapshotStore } from './snapshot-store.js';
import type { RetentionPolicy } from './thinning.js';

/** Snapshots as files under `root` (embedded mode: `DATA_DIR/snapshots`). */
export function createFileSnapshotStore(root: string, options?: HistoryOptions): SnapshotStore {
  return createHistoryStore(createFileBlobs(root), options);
}

/** Snapshots as objects `documents/<id>/snapshots/<version>.ydoc` in one bucket. */
export function createS3SnapshotStore(s3: S3StoreOptions, options?: HistoryOptions): SnapshotStore {
  return createHistoryStore(createS3Blobs(s3), options);
}

/** In-memory snapshots, for unit tests of code that needs a store but not its medium. */
export function createMemorySnapshotStore(options?: HistoryOptions): SnapshotStore {
  return createHistoryStore(createMemoryBlobs(), options);
}

export interface StoreSettings {
  s3: { bucket: string; endpoint: string | undefined; region: string; forcePathStyle: boolean } | undefined;
  dataDir: string;
  retention: RetentionPolicy;
}

/** S3 when a bucket is configured, else files under `DATA_DIR/snapshots`. */
export function createSnapshotStoreFor(
  settings: StoreSettings,
  logger: Logger,
  onUnreadable?: HistoryOptions['onUnreadable'],
): SnapshotStore {
  const options = { retention: settings.retention, logger, onUnreadable };
  if (settings.s3) return createS3SnapshotStore(settings.s3, options);
  return createFileSnapshotStore(path.join(settings.dataDir, 'snapshots'), options);
}
