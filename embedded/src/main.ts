// `pnpm start`: the embedded all-in-one process on PORT (default 3000).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pingRedis } from '@codesync/bus';
import { loadConfig } from '@codesync/config';
import { pingDatabase } from '@codesync/db';
import { createLogger, drainOnSignals, exitOnStartupFailure, reachServices } from '@codesync/process';
import { createSnapshotStoreFor } from '@codesync/storage';
import { PRIVATE_UMASK } from './data-dir.js';
import { EMBEDDED_DEFAULTS, startEmbedded } from './embedded.js';

// src/main.ts and dist/main.js are both two levels below the repository root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  process.umask(PRIVATE_UMASK);
  const config = loadConfig(process.env, EMBEDDED_DEFAULTS);
  const logger = createLogger({ service: 'embedded', level: config.logLevel });
  const store = createSnapshotStoreFor(config, logger);
  await reachServices(config, { database: pingDatabase, redis: pingRedis, bucket: () => store.check() });
  const app = await startEmbedded({ config, logger, repoRoot, store });
  // Clients are moved away and every document saved before the process exits.
  drainOnSignals({ logger, drain: () => app.close() });
}

main().catch(exitOnStartupFailure('embedded'));
