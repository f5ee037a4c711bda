import path from 'node:path';
import { createFileSnapshotStore } from './file-store.js';
import { createS3SnapshotStore } from './s3-store.js';
import type { SnapshotStore } from './snapshot-store.js';

export interface StoreSettings {
  s3: { bucket: string; endpoint: string | undefined; region: string; forcePathStyle: boolean } | undefined;
  dataDir: string;
}

/** S3 when a bucket is configured, else files under `DATA_DIR/snapshots`. */
export function createSnapshotStoreFor(settings: StoreSettings): SnapshotStore {
  if (settings.s3) return createS3SnapshotStore(settings.s3);
  return createFileSnapshotStore(path.join(settings.dataDir, 'snapshots'));
}
