import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebApp } from './web-assets.js';

const script = 'export const editor = "monaco";\n'.repeat(200);

describe('web assets', () => {
  let dist: string;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'cs-web-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>CodeSync</title>');
    const asset = path.join(dist, 'assets', 'editor-abc123.js');
    await writeFile(asset, script);
    await writeFile(`${asset}.br`, brotliCompressSync(script));
    await writeFile(`${asset}.gz`, gzipSync(script));
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  // `pnpm start` sent the editor's 3.77 MB of JavaScript uncompressed even to browsers asking
  // for br, and without the immutable Cache-Control it meant to (set too late, in onFound).
  it('serves the build-time brotli copy to a browser that accepts it, still immutable', async () => {
    const response = await createWebApp(dist).request('/assets/editor-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const app = createWebApp(dist);
    const gzip = await app.request('/assets/editor-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');

    const plain = await app.request('/assets/editor-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers a client-side route with index.html, revalidated each time', async () => {
    const response = await createWebApp(dist).request('/d/some-document');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>CodeSync</title>');
  });
});
