import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@codesync/config';
import { testLogger } from '@codesync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { EMBEDDED_DEFAULTS, startEmbedded, type EmbeddedApp } from './index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cheap = { passwordCost: { N: 1024, r: 8, p: 1 } };

/** An address of this machine that is not loopback (a LAN pair would use it), if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

// Issue 16, finding 4: the laptop's process and disk.
describe('pnpm start on a laptop', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(env: Record<string, string> = {}, webDist?: string): Promise<{ app: EmbeddedApp; dataDir: string }> {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'cs-laptop-')), 'data');
    cleanups.push(() => rm(path.dirname(dataDir), { recursive: true, force: true }));
    await mkdir(dataDir, { mode: 0o755 });
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ...(webDist ? { WEB_DIST: webDist } : {}), ...env }, { ...EMBEDDED_DEFAULTS, port: 0 });
    const app = await startEmbedded({ config, logger: testLogger(), repoRoot, serveWeb: webDist !== undefined, api: cheap });
    cleanups.push(() => app.close());
    return { app, dataDir };
  }

  // Before: the embedded server listened on every interface, open registration and metrics included.
  it('listens on 127.0.0.1 unless HOST says otherwise, and keeps DATA_DIR to its owner (0700)', async () => {
    const { app, dataDir } = await start();
    expect((app.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${app.port}/api/health`)).status).toBe(200);
    if (lanAddress) await expect(fetch(`http://${lanAddress}:${app.port}/api/health`)).rejects.toThrow();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('answers /socket/metrics on loopback only, even with HOST=0.0.0.0; METRICS=off hides it', async () => {
    const { app } = await start({ HOST: '0.0.0.0' });
    expect((await fetch(`http://127.0.0.1:${app.port}/socket/metrics`)).status).toBe(200);
    if (lanAddress) {
      expect((await fetch(`http://${lanAddress}:${app.port}/socket/metrics`)).status).toBe(404);
      expect((await fetch(`http://${lanAddress}:${app.port}/api/health`)).status).toBe(200);
    }
    const off = await start({ METRICS: 'off' });
    expect((await fetch(`http://127.0.0.1:${off.app.port}/socket/metrics`)).status).toBe(404);
  });

  // Finding 3: `pnpm start` served the web app with no security headers at all.
  it('serves / and /d/:id with a strict Content-Security-Policy and the other security headers', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'cs-dist-'));
    cleanups.push(() => rm(dist, { recursive: true, force: true }));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    const { app } = await start({}, dist);
    for (const page of ['/', '/d/0f6e4c8a-1111-4222-8333-444455556666', '/index.html']) {
      const response = await fetch(`http://127.0.0.1:${app.port}${page}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
