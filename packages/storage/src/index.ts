export * from './snapshot-store.js';
export { createFileSnapshotStore } from './file-store.js';
export { createS3Client, createS3SnapshotStore, type S3StoreOptions } from './s3-store.js';
export { createMemorySnapshotStore } from './memory-store.js';
export { textOfState, stateOfText } from './text-state.js';
export { createSnapshotStoreFor, type StoreSettings } from './from-config.js';
