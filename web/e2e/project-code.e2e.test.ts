// @vitest-environment node
// Issue 14's code tools in Chromium against a real embedded server: find in files
// (Ctrl/Cmd+Shift+F) and TypeScript that knows the project's other files.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorText, signUp, testUser, waitForStatus } from './app-driver';
import { ensureBuilt, launchBrowser, skipReason, startServer, type RunningServer } from './harness';

const skip = skipReason(process.env.CI === 'true');
const poll = { timeout: 20_000, interval: 100 };

/** `src/util.ts`: forty lines of filler, then the function the other file imports. */
const UTIL = `${Array.from({ length: 39 }, (_, i) => `// filler ${i + 1}`).join('\n')}\nexport function greet(name: string): string {\n  return 'Hello ' + name;\n}\n`;
// Line 4 is wrong on purpose: proof that the checker ran. Line 1 is an error only if ./util is unknown.
const MAIN = "import { greet } from './util';\n\nexport const message: string = greet('Ada');\nconst control: number = 'text';\n";

async function api<T>(baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe.skipIf(skip !== null)('code tools in a project', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let projectUrl: string;

  beforeAll(async () => {
    ensureBuilt(process.env);
    server = await startServer({ env: process.env, externalUrl: process.env.CODESYNC_E2E_URL });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    const user = testUser('Ada');
    await signUp(page, server.baseUrl, user);
    // The files are made through the API: what is tested here is reading them.
    const { accessToken } = await api<{ accessToken: string }>(server.baseUrl, 'POST', '/api/auth/login', null, { email: user.email, password: user.password });
    const { project } = await api<{ project: { id: string } }>(server.baseUrl, 'POST', '/api/projects', accessToken, { name: 'code' });
    for (const [path, content] of [['src/util.ts', UTIL], ['src/main.ts', MAIN]]) {
      await api(server.baseUrl, 'POST', `/api/projects/${project.id}/files`, accessToken, { path, content });
    }
    projectUrl = `${server.baseUrl}/p/${project.id}`;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('Ctrl+Shift+F lists matches by file and line; a click opens the file at the match', async () => {
    await page.goto(projectUrl);
    await page.getByRole('button', { name: 'File src/util.ts', exact: true }).waitFor();
    await page.keyboard.press('Control+Shift+F');
    const panel = page.getByRole('region', { name: 'Find in files' });
    await panel.getByRole('searchbox', { name: 'Find in files' }).fill('greet');
    await panel.getByText('3 results in 2 files.').waitFor();
    const results = panel.getByRole('list', { name: 'Results' });
    expect(await results.getByRole('button').allTextContents()).toEqual([
      "1import { greet } from './util';",
      "3export const message: string = greet('Ada');",
      '40export function greet(name: string): string {',
    ]);

    await results.getByRole('button', { name: 'src/util.ts line 40: export function greet(name: string): string {' }).click();
    await page.getByRole('tab', { name: 'src/util.ts', selected: true }).waitFor();
    await waitForStatus(page, 'connected');
    // The cursor is on the match's line (Monaco marks that line's number), scrolled into view.
    await expect.poll(() => page.locator('.monaco-host .active-line-number').textContent(), poll).toBe('40');
    await expect.poll(() => page.locator('.monaco-host .view-line', { hasText: 'export function greet' }).isVisible(), poll).toBe(true);

    // A pattern RE2 refuses says why, and nothing is listed.
    await panel.getByRole('checkbox', { name: 'Regular expression' }).check();
    await panel.getByRole('searchbox', { name: 'Find in files' }).fill('greet(?=\\()');
    await panel.getByRole('alert').filter({ hasText: 'not a valid RE2 regular expression' }).waitFor();
    await panel.getByRole('searchbox', { name: 'Find in files' }).fill('^export \\w+ greet');
    await panel.getByText('1 result in 1 file.').waitFor();
  }, 120_000);

  it("TypeScript knows the project's other files: an import resolves, completion knows its types, go to definition opens it", async () => {
    await page.goto(projectUrl);
    await page.getByRole('button', { name: 'File src/main.ts', exact: true }).click();
    await page.getByRole('tab', { name: 'src/main.ts', selected: true }).waitFor();
    await waitForStatus(page, 'connected');
    // One error, on line 4: without src/util.ts, line 1 would also say "Cannot find module './util'".
    await expect.poll(() => page.locator('.monaco-host .squiggly-error').count(), poll).toBe(1);
    expect(await errorLines(page)).toEqual([4]);

    // Completion knows what greet returns (a string, declared in src/util.ts).
    await page.locator('.monaco-host .view-line', { hasText: 'const control' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(" greet('x').toUpp");
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'toUpperCase' }).first().waitFor();
    await page.keyboard.press('Escape');

    // F12 on `greet` (line 3) opens src/util.ts at its definition, line 40.
    await page.locator('.monaco-host .view-line', { hasText: 'export const message' }).getByText('greet', { exact: false }).click();
    await page.keyboard.press('F12');
    await page.getByRole('tab', { name: 'src/util.ts', selected: true }).waitFor();
    await expect.poll(() => page.locator('.monaco-host .active-line-number').textContent(), poll).toBe('40');
  }, 120_000);

  it('files dropped from the desktop onto a folder are uploaded into it', async () => {
    await page.goto(projectUrl);
    const folder = page.getByRole('button', { name: 'Folder src', exact: true });
    await folder.waitFor();
    const files = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['# Notes\n'], 'notes.md', { type: 'text/markdown' }));
      return transfer;
    });
    await folder.dispatchEvent('drop', { dataTransfer: files });
    await page.getByRole('button', { name: 'File src/notes.md', exact: true }).click();
    await page.getByRole('tab', { name: 'src/notes.md', selected: true }).waitFor();
    await expect.poll(() => editorText(page), poll).toBe('# Notes\n');
  }, 60_000);
});

/** The lines carrying an error squiggle (each squiggle's row, matched to the line rendered at the same height). */
function errorLines(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const top = (el: Element | null) => (el instanceof HTMLElement ? el.style.top : '');
    const numbers = new Map([...document.querySelectorAll('.monaco-host .line-numbers')].map((el) => [top(el.parentElement), Number(el.textContent)]));
    return [...document.querySelectorAll('.monaco-host .squiggly-error')].map((el) => numbers.get(top(el.parentElement)) ?? -1);
  });
}
