// @vitest-environment node
// Issue 13: accessibility measured. axe-core (every rule, none disabled) on each page of
// the app in Chromium, and a keyboard-only walk: sign in → open a document → share it.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUser, waitForStatus, type TestUser } from './app-driver';
import { postJson as post } from './api-seed';
import { axeViolations } from './axe';
import { ensureBuilt, launchBrowser, skipReason, startServer, type RunningServer } from './harness';

const skip = skipReason(process.env.CI === 'true');

/** Presses Tab until `target` has the focus, as someone without a mouse would. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)} within ${limit} presses`);
}

describe.skipIf(skip !== null)('accessibility in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ada: TestUser;
  let bob: TestUser;
  let token: string;

  beforeAll(async () => {
    ensureBuilt(process.env);
    server = await startServer({ env: process.env, externalUrl: process.env.CODESYNC_E2E_URL });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    [ada, bob] = [testUser('Ada'), testUser('Bob')];
    for (const user of [ada, bob]) await post(server.baseUrl, '/api/auth/register', user);
    ({ accessToken: token } = await post<{ accessToken: string }>(server.baseUrl, '/api/auth/login', { email: ada.email, password: ada.password }));
    await post(server.baseUrl, '/api/documents', { title: 'keys.ts', language: 'typescript', content: 'const a = 1;\n' }, token);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it('the sign-up and sign-in pages have no axe violations', async () => {
    await page.goto(`${server.baseUrl}/signup`);
    await page.getByRole('button', { name: 'Sign up' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/signin`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signs in, opens a document and shares it with the keyboard alone, and each step has no axe violations', async () => {
    await page.goto(`${server.baseUrl}/signin`);
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(ada.email);
    await tabTo(page, page.getByLabel('Password'));
    await page.keyboard.type(ada.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, page.getByRole('link', { name: 'keys.ts' }));
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'connected');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, page.getByRole('button', { name: 'Share' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await tabTo(page, dialog.getByLabel('Email to invite'));
    await page.keyboard.type(bob.email);
    await page.keyboard.press('Enter');
    await dialog.getByRole('listitem', { name: bob.name }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, 90_000);

  it('the history dialog has no axe violations', async () => {
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('the projects list and a project page have no axe violations', async () => {
    const { project } = await post<{ project: { id: string } }>(server.baseUrl, '/api/projects', { name: 'site' }, token);
    await post(server.baseUrl, `/api/projects/${project.id}/files`, { path: 'src/a.ts', content: 'export {};\n' }, token);
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.getByRole('link', { name: 'site' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.baseUrl}/p/${project.id}`);
    await page.getByRole('button', { name: 'File src/a.ts', exact: true }).click();
    await page.getByRole('tab', { name: 'src/a.ts' }).waitFor();
    await waitForStatus(page, 'connected');
    expect(await axeViolations(page)).toEqual([]);

    // The tab's × is for the pointer only; the keyboard closes a focused tab with Delete.
    await page.getByRole('tab', { name: 'src/a.ts' }).focus();
    await page.keyboard.press('Delete');
    await page.getByRole('tab', { name: 'src/a.ts' }).waitFor({ state: 'detached' });
  }, 60_000);

  it('renders the API reference at /api/docs', async () => {
    await page.goto(`${server.baseUrl}/api/docs`);
    await page.getByRole('heading', { name: /CodeSync API/ }).waitFor();
    await page.getByText('/api/documents/{id}/sync-token').first().waitFor();
  });
});
