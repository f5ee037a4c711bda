// @vitest-environment node
// Issue 14's browser scenario: two people work on one project in Chromium against a real embedded server.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorText, signUp, testUser, typeAtEnd, waitForStatus } from './app-driver';
import { ensureBuilt, launchBrowser, skipReason, startServer, webDir, type RunningServer } from './harness';

const skip = skipReason(process.env.CI === 'true');
const poll = { timeout: 15_000, interval: 100 };

interface Person {
  user: ReturnType<typeof testUser>;
  context: BrowserContext;
  page: Page;
}

const treeFile = (page: Page, path: string) => page.getByRole('button', { name: `File ${path}`, exact: true });

async function newFile(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file path' }).fill(path);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await treeFile(page, path).waitFor();
}

async function openFile(page: Page, path: string): Promise<void> {
  await treeFile(page, path).click();
  await page.getByRole('tab', { name: path }).waitFor();
  await waitForStatus(page, 'connected');
}

describe.skipIf(skip !== null)('a project in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let ada: Person;
  let bob: Person;

  async function person(name: string): Promise<Person> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 750 }, acceptDownloads: true });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const user = testUser(name);
    await signUp(page, server.baseUrl, user);
    return { user, context, page };
  }

  beforeAll(async () => {
    ensureBuilt(process.env);
    server = await startServer({ env: process.env, externalUrl: process.env.CODESYNC_E2E_URL });
    browser = await launchBrowser();
    ada = await person('Ada');
    bob = await person('Bob');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('two people create, edit, move, find and download files of one project live', async () => {
    await ada.page.getByLabel('Project name').fill('pair');
    await ada.page.getByRole('button', { name: 'Create project' }).click();
    await ada.page.waitForURL(/\/p\/[^/]+$/);
    await ada.page.getByText('Share project').click();
    await ada.page.getByLabel('Email to invite').fill(bob.user.email);
    await ada.page.getByLabel('Role for the invitee').selectOption('editor');
    await ada.page.getByRole('button', { name: 'Invite' }).click();
    await ada.page.getByText('Bob is now an editor.').waitFor();
    await bob.page.goto(ada.page.url());
    await bob.page.getByRole('heading', { name: 'pair' }).waitFor();

    // Ada creates two files; Bob sees both appear without reloading.
    await newFile(ada.page, 'src/a.ts');
    await newFile(ada.page, 'src/b.ts');
    await treeFile(bob.page, 'src/a.ts').waitFor();
    await treeFile(bob.page, 'src/b.ts').waitFor();

    // Both open src/a.ts and type together; each sees where the other is.
    await openFile(ada.page, 'src/a.ts');
    await openFile(bob.page, 'src/a.ts');
    await typeAtEnd(ada.page, 'export const a = 1;');
    await expect.poll(() => editorText(bob.page), poll).toBe('export const a = 1;');
    await typeAtEnd(bob.page, ' // Bob');
    await expect.poll(() => editorText(ada.page), poll).toBe('export const a = 1; // Bob');
    await ada.page.getByLabel('Bob is in src/a.ts').waitFor();

    // Ada renames src to lib from the keyboard-reachable Move field; Bob's open tab follows.
    await ada.page.getByRole('button', { name: 'Folder src', exact: true }).focus();
    await ada.page.getByRole('button', { name: 'Move or rename src', exact: true }).click();
    await ada.page.getByRole('textbox', { name: 'Move src to' }).fill('lib');
    await ada.page.getByRole('button', { name: 'Move', exact: true }).click();
    await bob.page.getByRole('tab', { name: 'lib/a.ts' }).waitFor();
    await treeFile(bob.page, 'lib/b.ts').waitFor();
    expect(await editorText(bob.page)).toBe('export const a = 1; // Bob');
    await typeAtEnd(bob.page, '!');
    await expect.poll(() => editorText(ada.page), poll).toBe('export const a = 1; // Bob!');

    // Quick open finds lib/b.ts.
    await bob.page.keyboard.press('Control+P');
    await bob.page.getByLabel('File path').fill('b.ts');
    await bob.page.getByRole('option', { name: 'lib/b.ts' }).waitFor();
    await bob.page.keyboard.press('Enter');
    await bob.page.getByRole('tab', { name: 'lib/b.ts', selected: true }).waitFor();
    await screenshotProject(bob.page);

    // The project downloads as a zip holding both files with their text.
    const [download] = await Promise.all([ada.page.waitForEvent('download'), ada.page.getByRole('button', { name: 'Download zip' }).click()]);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(strFromU8(files['lib/a.ts']!)).toBe('export const a = 1; // Bob!');
    expect(strFromU8(files['lib/b.ts']!)).toBe('');
  }, 120_000);
});

/** The README picture: Bob's view of the tree with both people's dots, two tabs, lib/a.ts open. */
async function screenshotProject(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'lib/a.ts' }).click();
  await page.getByLabel('Ada is in lib/a.ts').waitFor();
  await waitForStatus(page, 'connected');
  await page.locator('.remote-cursor-label', { hasText: 'Ada' }).waitFor({ state: 'visible' });
  const artifacts = path.join(webDir, 'e2e', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'project.png') });
  await page.getByRole('tab', { name: 'lib/b.ts' }).click();
}
