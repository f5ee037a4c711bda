// What cross-file TypeScript costs on a project page, in headless Chromium against the
// embedded server: `pnpm --filter @codesync/web exec tsx scripts/measure-project.ts` (RUNS=n).
// Per run, cold (fresh context, no service worker): time-to-editable of src/main.ts (which
// imports src/util.ts) and of notes.md, when the TypeScript service was registered, when the
// first diagnostics showed, and the JavaScript fetched (gzip -9) before and after the worker.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ensureBuilt, launchBrowser, skipReason, startServer, webDir } from '../e2e/harness';

const runs = Number(process.env.RUNS ?? 5);
const dist = path.join(webDir, 'dist');
const gzipBytes = (file: string): number => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function api<T>(baseUrl: string, route: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + route, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Run {
  editable: number;
  typescriptReady: number;
  diagnostics: number | null;
  jsBeforeEditable: number;
  jsTotal: number;
}

async function measure(browser: Browser, url: string, session: unknown, file: string, expectError: boolean): Promise<Run> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript((value) => localStorage.setItem('codesync:session', value), JSON.stringify(session));
  const page = await context.newPage();
  const loaded = new Set<string>();
  page.on('response', (response) => {
    const pathname = new URL(response.url()).pathname;
    if (pathname.endsWith('.js')) loaded.add(pathname.slice(1));
  });
  await page.goto(url);
  await page.getByRole('button', { name: `File ${file}`, exact: true }).click();
  await page.waitForFunction(
    () => document.querySelector('.monaco-host[data-ready="true"]') !== null && document.querySelector('.connection[data-status="connected"]') !== null,
    null,
    { polling: 'raf', timeout: 30_000 },
  );
  const editable = await page.evaluate(() => performance.now());
  const jsBeforeEditable = [...loaded].reduce((sum, f) => sum + gzipBytes(f), 0);
  let diagnostics: number | null = null;
  if (expectError) {
    await page.locator('.monaco-host .squiggly-error').first().waitFor({ timeout: 60_000 });
    diagnostics = await page.evaluate(() => performance.now());
  }
  const typescriptReady = await page.evaluate(() => performance.getEntriesByName('codesync:typescript-ready')[0]?.startTime ?? NaN);
  const jsTotal = [...loaded].reduce((sum, f) => sum + gzipBytes(f), 0);
  await context.close();
  return { editable, typescriptReady, diagnostics, jsBeforeEditable, jsTotal };
}

function report(label: string, list: Run[]): string {
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`;
  const lines = [
    `${label}: time-to-editable ${ms(list.map((r) => r.editable))}`,
    `  TypeScript service registered at ${ms(list.map((r) => r.typescriptReady))}`,
    `  JS fetched before editable ${kb(median(list.map((r) => r.jsBeforeEditable)))}, in all ${kb(median(list.map((r) => r.jsTotal)))}`,
  ];
  const diagnostics = list.flatMap((r) => (r.diagnostics === null ? [] : [r.diagnostics]));
  if (diagnostics.length > 0) lines.push(`  first diagnostics (the TS worker loaded and checked both files) at ${ms(diagnostics)}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (skipReason(true)) return;
  ensureBuilt(process.env);
  const server = await startServer({ env: process.env, externalUrl: process.env.CODESYNC_E2E_URL });
  const browser = await launchBrowser();
  try {
    const user = { email: `measure-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Measure' };
    await api(server.baseUrl, '/api/auth/register', user);
    const session = await api<{ accessToken: string }>(server.baseUrl, '/api/auth/login', { email: user.email, password: user.password });
    const { project } = await api<{ project: { id: string } }>(server.baseUrl, '/api/projects', { name: 'measure' }, session.accessToken);
    const util = Array.from({ length: 300 }, (_, i) => `export const value${i} = ${i} * 2; // line ${i}`).join('\n');
    const files = { 'src/util.ts': util, 'src/main.ts': "import { value1 } from './util';\nconst wrong: string = value1;\n", 'notes.md': '# Notes\n' };
    for (const [filePath, content] of Object.entries(files)) {
      await api(server.baseUrl, `/api/projects/${project.id}/files`, { path: filePath, content }, session.accessToken);
    }
    const url = `${server.baseUrl}/p/${project.id}`;
    const typescript: Run[] = [];
    const markdown: Run[] = [];
    for (let run = 0; run < runs; run += 1) {
      typescript.push(await measure(browser, url, session, 'src/main.ts', true));
      markdown.push(await measure(browser, url, session, 'notes.md', false));
    }
    const worker = readdirSync(path.join(dist, 'assets')).find((name) => /^ts\.worker-.*\.js$/.test(name) && !name.endsWith('.map'));
    process.stdout.write(['', report('src/main.ts (imports src/util.ts)', typescript), report('notes.md', markdown), `ts.worker (gzip -9): ${worker ? kb(gzipBytes(`assets/${worker}`)) : 'missing'}`, ''].join('\n'));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
