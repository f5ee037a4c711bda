import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCompiledEntryPoint } from '@codesync/testing';

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
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, () => resolve((holder.address() as { port: number }).port)));
    try {
      const result = await run({ PORT: String(port) });
      expect(result.stderr).toBe(`codesync embedded failed to start: port ${port} is in use; set PORT to a free port\n`);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(1);
    } finally {
      holder.close();
    }
    // PGlite creates its database before the port is tried: slow on a busy machine.
  }, 120_000);

  it('names the database host and port, the reason and DATABASE_URL', async () => {
    const closed = await freePort();
    const result = await run({ DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/codesync`, JWT_SECRET: 'startup-failures-test-secret-0123456789' });
    expect(result.stderr).toBe(
      `codesync embedded failed to start: database at 127.0.0.1:${closed} unreachable (ECONNREFUSED); check DATABASE_URL\n`,
    );
    expect(result.code).toBe(1);
  });
});
