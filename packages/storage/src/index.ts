export * from './snapshot-store.js';
export type { BlobEntry, BlobStore } from './blob-store.js';
export { createFileBlobs } from './file-blobs.js';
export { createMemoryBlobs } from './memory-blobs.js';
export { createS3Client, createS3Blobs, type S3StoreOptions } from './s3-blobs.js';
export { createHistoryStore, type HistoryOptions } from './history-store.js';
export {
  createFileSnapshotStore,
  createMemorySnapshotStore,
  createS3SnapshotStore,
  createSnapshotStoreFor,
  type StoreSettings,
} from './stores.js';
export { DEFAULT_RETENTION, versionsToThin, type RetentionPolicy, type VersionStamp } from './thinning.js';
export { isReadableState } from './readable-state.js';
export { snapshotKey } from './object-keys.js';
export { textOfState, stateOfText } from './text-state.js';
export { syncDirectory, writeFileDurably } from './durable-files.js';
