// @vitest-environment node
// Issue 16 in Chromium: sign-out on a shared browser, and a password change reaching another device.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, typeAtEnd } from './app-driver';
import { skipReason } from './harness';
import { startBrowserSuite, type BrowserSuite } from './people';

const skip = skipReason(process.env.CI === 'true');
const poll = { timeout: 15_000, interval: 100 };

/** This browser's IndexedDB copies of the signed-in account's documents. */
function localCopies(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(async (prefix) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix)), `codesync:${userId}:`);
}

const profileId = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('codesync:profile') ?? '{}') as { id?: string }).id ?? '');

describe.skipIf(skip !== null)('account in the browser', () => {
  let suite: BrowserSuite;

  beforeAll(async () => {
    suite = await startBrowserSuite(process.env);
  }, 240_000);

  afterAll(async () => {
    await suite?.stop();
  }, 30_000);

  // Finding 3: sign-out left every document's text in IndexedDB on a shared browser profile.
  it("signing out removes this browser's copy of the account's documents when all is synced", async () => {
    const ada = await suite.person('Ada');
    await createDocument(ada.page, suite.server.baseUrl, 'shared-machine.ts');
    await typeAtEnd(ada.page, 'secret = 1');
    await ada.page.locator('.connection[data-status="connected"][data-unsynced="false"]').waitFor();
    const userId = await profileId(ada.page);
    expect(await localCopies(ada.page, userId)).toHaveLength(1);

    await ada.page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = ada.page.getByRole('dialog', { name: 'Sign out' });
    await expect.poll(() => dialog.getByRole('checkbox').isChecked(), poll).toBe(true);
    await dialog.getByRole('button', { name: 'Sign out' }).click();

    await ada.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(() => localCopies(ada.page, userId), poll).toEqual([]);
    expect(await ada.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('codesync:')))).toEqual([]);
    await ada.context.close();
  }, 90_000);

  // Finding 6: a password change now ends the account's other sessions.
  it('changing the password on the account page signs the other device out', async () => {
    const bob = await suite.person('Bob');
    const phone = await suite.browser.newContext();
    const phonePage = await phone.newPage();
    await phonePage.goto(`${suite.server.baseUrl}/signin`);
    await phonePage.getByLabel('Email').fill(bob.user.email);
    await phonePage.getByLabel('Password').fill(bob.user.password);
    await phonePage.getByRole('button', { name: 'Sign in' }).click();
    await phonePage.getByRole('heading', { name: 'Documents' }).waitFor();

    await bob.page.getByRole('link', { name: bob.user.name, exact: true }).click();
    await bob.page.getByLabel('Current password').fill(bob.user.password);
    await bob.page.getByLabel('New password').fill('a brand new password');
    await bob.page.getByRole('button', { name: 'Change password' }).click();
    await bob.page.getByText('Password changed').waitFor();

    // The phone's next request finds its session over.
    await phonePage.reload();
    await phonePage.getByRole('button', { name: 'Sign in' }).waitFor();
    await bob.page.goto(suite.server.baseUrl);
    await bob.page.getByRole('heading', { name: 'Documents' }).waitFor();
    await phone.close();
    await bob.context.close();
  }, 90_000);
});
