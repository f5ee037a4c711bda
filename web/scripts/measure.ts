// First-load JavaScript (gzip), bytes on the wire and time-to-editable in headless Chromium against
// the embedded server: `pnpm --filter @codesync/web measure` (RUNS=n to change the count).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { postJson as api } from '../e2e/api-seed';
import { ensureBuilt, launchBrowser, skipReason, startServer, webDir } from '../e2e/harness';

const dist = path.join(webDir, 'dist');
const runs = Number(process.env.RUNS ?? 5);

const gzipBytes = (file: string): number => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The JS the browser fetches before anything renders: index.html's module script and preloads. */
function firstLoadScripts(): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)];
  return refs.map((match) => match[1] ?? '');
}

async function main(): Promise<void> {
  if (skipReason(true)) return;
  ensureBuilt(process.env);
  const scripts = firstLoadScripts();
  const firstLoad = scripts.reduce((sum, file) => sum + gzipBytes(file), 0);
  const server = await startServer({ env: process.env, externalUrl: process.env.CODESYNC_E2E_URL });
  const browser = await launchBrowser();
  try {
    const user = { email: `measure-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Measure' };
    await api(server.baseUrl, '/api/auth/register', user);
    const session = await api<{ accessToken: string }>(server.baseUrl, '/api/auth/login', { email: user.email, password: user.password });
    const content = Array.from({ length: 300 }, (_, i) => `export const value${i} = ${i} * 2; // line ${i}`).join('\n');
    const { document: created } = await api<{ document: { id: string } }>(
      server.baseUrl, '/api/documents', { title: 'measure.ts', language: 'typescript', content }, session.accessToken,
    );

    const editable: number[] = [];
    const editorJs: number[] = [];
    const wire: number[] = [];
    const wireJs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // A fresh context each run: cold HTTP cache, no service worker, no IndexedDB copy.
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.addInitScript((value) => localStorage.setItem('codesync:session', value), JSON.stringify(session));
      const page = await context.newPage();
      const loaded = new Set<string>();
      const sizes: Promise<{ js: boolean; bytes: number }>[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.endsWith('.js')) loaded.add(url.pathname.slice(1));
      });
      // Bytes on the wire: each response's headers and body as served (compressed or not).
      let counting = true;
      page.on('requestfinished', (request) => {
        if (!counting) return; // finished after the editor was ready: not part of opening it
        const js = new URL(request.url()).pathname.endsWith('.js');
        sizes.push(request.sizes().then((s) => ({ js, bytes: s.responseHeadersSize + s.responseBodySize })));
      });
      await page.goto(`${server.baseUrl}/d/${created.id}`);
      await page.waitForFunction(
        () =>
          document.querySelector('.monaco-host[data-ready="true"]') !== null &&
          document.querySelector('.connection[data-status="connected"]') !== null &&
          (document.querySelector('.monaco-host .view-line')?.textContent ?? '').includes('value0'),
        null,
        { polling: 'raf', timeout: 30_000 },
      );
      editable.push(await page.evaluate(() => performance.now()));
      editorJs.push([...loaded].reduce((sum, file) => sum + gzipBytes(file), 0));
      counting = false;
      const served = await Promise.all(sizes);
      wire.push(served.reduce((sum, r) => sum + r.bytes, 0));
      wireJs.push(served.reduce((sum, r) => sum + (r.js ? r.bytes : 0), 0));
      await context.close();
    }

    process.stdout.write(
      [
        '',
        `first-load JS (sign-in page, gzip -9): ${kb(firstLoad)}  [${scripts.join(', ')}]`,
        `JS to open a document (all chunks + workers, gzip -9): ${kb(median(editorJs))}`,
        `on the wire to open a document, cold (every response as served, headers included): ${kb(median(wire))}` +
          `  (of which JS: ${kb(median(wireJs))})`,
        `time-to-editable, cold, 300-line TypeScript document, median of ${runs}: ${median(editable).toFixed(0)} ms` +
          `  (runs: ${editable.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
