export { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from './runtime.js';
