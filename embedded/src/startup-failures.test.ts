import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { expectStartupFailure, freePort, occupiedPort, runCompiledEntryPoint } from '@codesync/testing';

// `pnpm start` on a laptop where something already holds port 3000 printed an
// unhandled 'error' event's stack; now one line names PORT and the process exits 1.
describe('pnpm start failing to start', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'cs-embedded-startup-'));
  // A stand-in web build, so start-up does not build the real one.
  const webDist = path.join(work, 'web');
  mkdirSync(webDist);
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>stub</title>');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const run = (env: Record<string, string>) =>
    runCompiledEntryPoint('embedded', { DATA_DIR: path.join(work, 'data'), WEB_DIST: webDist, LOG_LEVEL: 'error', ...env });

  it('says the port is in use and to set PORT', async () => {
    const taken = await occupiedPort();
    try {
      const line = `codesync embedded failed to start: port ${taken.port} is in use; set PORT to a free port`;
      expectStartupFailure(await run({ PORT: String(taken.port) }), line);
    } finally {
      await taken.release();
    }
    // PGlite creates its database before the port is tried: slow on a busy machine.
  }, 120_000);

  it('names the database host and port, the reason and DATABASE_URL', async () => {
    const closed = await freePort();
    expectStartupFailure(
      await run({ DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/codesync`, JWT_SECRET: 'startup-failures-test-secret-0123456789' }),
      `codesync embedded failed to start: database at 127.0.0.1:${closed} unreachable (ECONNREFUSED); check DATABASE_URL`,
    );
  });
});
