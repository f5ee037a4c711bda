import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '@codesync/testing';

// No Docker engine here: this runs the build steps of infra/docker/*.Dockerfile
// (compile, then `pnpm deploy --prod`) into a temporary folder and starts what
// the image would copy, with the image's command, until health answers 200.
// A compiled tree that still needed tsx, or lost a file read through
// import.meta.url (the database migrations), fails here rather than in ECS.
const root = path.resolve(import.meta.dirname, '../..');

describe.each([
  ['api', 'server', '@codesync/server', '/api/health'],
  ['sync', 'sync', '@codesync/sync', '/socket/health'],
])('the %s image output', (_image, app, pkg, healthPath) => {
  const work = mkdtempSync(path.join(tmpdir(), `codesync-image-${app}-`));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is compiled JavaScript with production dependencies only, and starts healthy', async () => {
    const out = path.join(work, 'out');
    execFileSync(process.execPath, ['scripts/build.mjs', app], { cwd: root, stdio: 'pipe' });
    execFileSync('pnpm', ['--filter', pkg, 'deploy', '--prod', '--legacy', '--prefer-offline', out], { cwd: root, stdio: 'pipe' });
    expect(existsSync(path.join(out, 'dist/main.js'))).toBe(true);
    expect(existsSync(path.join(out, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(path.join(out, 'node_modules/esbuild'))).toBe(false);

    const port = await freePort();
    // The image's environment: no service URLs, so PGlite and files under DATA_DIR.
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, ['--conditions=codesync-compiled', 'dist/main.js'], { cwd: out, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const status = await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}`);
          return (await fetch(`http://127.0.0.1:${port}${healthPath}`)).status === 200 ? 200 : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 200, what: `${app} health` },
      );
      expect(status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // `pnpm deploy` resolves against the registry's metadata and PGlite creates a database: minutes on a busy machine.
  }, 300_000);
});
