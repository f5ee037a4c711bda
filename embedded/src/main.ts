// `pnpm start`: the embedded all-in-one process on PORT (default 3000).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@codesync/config';
import { createLogger } from '@codesync/server';
import { startEmbedded } from './embedded.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3000 });
  const logger = createLogger(config.logLevel);
  const app = await startEmbedded({ config, logger, repoRoot });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down: moving clients away and saving every document');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`codesync failed to start: ${message}\n`);
  process.exit(1);
});
