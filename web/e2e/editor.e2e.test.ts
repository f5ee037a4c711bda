// @vitest-environment node
// The four scenarios of issue 7, in Chromium against a real embedded server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, editorText, openDocument, share, typeAtEnd, waitForStatus } from './app-driver';
import { skipReason, webDir, type RunningServer } from './harness';
import { startBrowserSuite, type BrowserSuite, type Person as SignedUp } from './people';

const skip = skipReason(process.env.CI === 'true');
const artifacts = path.join(webDir, 'e2e', 'artifacts');
const poll = { timeout: 15_000, interval: 100 };

interface Person extends SignedUp {
  /** Sockets to /socket/ of this context, routed so a test can cut them. */
  sockets: WebSocketRoute[];
}

const snippet = [
  '',
  'interface Peer {',
  '  name: string;',
  '  color: string;',
  '}',
  '',
  'export function greet(peer: Peer): string {',
  '  return `Hello, ${peer.name}!`;',
  '}',
].join('\n');

/** The README picture: a few lines of code, Bob's selection and both cursors with labels. */
async function screenshotPairProgramming(adaPage: Page, bobPage: Page): Promise<void> {
  await adaPage.keyboard.press('Control+End');
  // Pasted, not typed: typing a newline would auto-indent on top of the snippet's indentation.
  await adaPage.evaluate((text) => navigator.clipboard.writeText(text), snippet);
  await adaPage.keyboard.press('Control+V');
  await expect.poll(() => editorText(bobPage), poll).toContain('Hello, ${peer.name}!');
  await bobPage.locator('.view-line', { hasText: 'interface Peer' }).locator('span', { hasText: 'Peer' }).last().dblclick();
  await adaPage.locator('.view-line', { hasText: 'return' }).click();
  await adaPage.keyboard.press('End');
  await adaPage.locator('.remote-cursor-label', { hasText: 'Bob' }).waitFor({ state: 'visible' });
  await adaPage.locator('[class*="yRemoteSelection-"]').first().waitFor({ state: 'visible' });
  mkdirSync(artifacts, { recursive: true });
  await adaPage.screenshot({ path: path.join(artifacts, 'two-cursors.png') });
}

/** The sync service saves a version a few seconds after edits stop; reopen History until one is listed. */
async function waitForSavedVersion(page: Page): Promise<void> {
  const history = page.getByRole('dialog');
  const versions = history.getByRole('button', { name: /^Version saved/ });
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'History' }).click();
      await versions.first().or(history.getByText('No saved versions yet')).waitFor();
      const found = await versions.count();
      await history.getByRole('button', { name: 'Close' }).click();
      return found;
    }, { timeout: 30_000, interval: 1_000 })
    .toBeGreaterThan(0);
}

describe.skipIf(skip !== null)('editor in the browser', () => {
  let suite: BrowserSuite;
  let server: RunningServer;
  let ada: Person;
  let bob: Person;
  let cy: Person;

  async function person(name: string): Promise<Person> {
    const sockets: WebSocketRoute[] = [];
    const someone = await suite.person(name, (context) =>
      context.routeWebSocket(/\/socket\//, (ws) => {
        sockets.push(ws);
        ws.connectToServer();
      }),
    );
    return { ...someone, sockets };
  }

  beforeAll(async () => {
    suite = await startBrowserSuite(process.env);
    server = suite.server;
    ada = await person('Ada');
    bob = await person('Bob');
    cy = await person('Cy');
  }, 240_000);

  afterAll(async () => {
    await suite?.stop();
  }, 30_000);

  it('shows what one user types to the other, with a name label at the remote cursor', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'pair.ts');
    await share(ada.page, bob.user, 'editor');
    await openDocument(bob.page, url);

    await typeAtEnd(ada.page, 'const greeting = 42;');
    await expect.poll(() => editorText(bob.page), poll).toBe('const greeting = 42;');

    await typeAtEnd(bob.page, ' // from Bob');
    await expect.poll(() => editorText(ada.page), poll).toBe('const greeting = 42; // from Bob');
    const label = ada.page.locator('.remote-cursor-label', { hasText: 'Bob' });
    await label.waitFor({ state: 'visible' });
    await bob.page.locator('.remote-cursor-label', { hasText: 'Ada' }).waitFor({ state: 'visible' });
    await ada.page.getByRole('list', { name: 'People here' }).getByText('Bob').waitFor({ state: 'attached' });

    await ada.page.getByLabel('Language').selectOption('python');
    await expect.poll(() => bob.page.getByLabel('Language').inputValue(), poll).toBe('python');
    await ada.page.getByLabel('Language').selectOption('typescript');

    await screenshotPairProgramming(ada.page, bob.page);
  }, 60_000);

  // Issue 16, finding 3: no page carried a Content-Security-Policy. Now / and /d/:id do, and
  // Monaco (its workers, its inserted <style> elements) and the sync socket run under it.
  it('serves / and /d/:id under a strict CSP with the editor still working and no violation', async () => {
    const violations: string[] = [];
    ada.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const home = await ada.page.goto(`${server.baseUrl}/`);
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    const url = await createDocument(ada.page, server.baseUrl, 'csp.ts');
    const page = await ada.page.goto(url);
    const csp = page?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    await waitForStatus(ada.page, 'connected');
    await typeAtEnd(ada.page, 'const underCsp = true;');
    await expect.poll(() => editorText(ada.page), poll).toBe('const underCsp = true;');
    expect(await ada.page.evaluate(() => localStorage.getItem('codesync:session'))).toBeNull();
    expect(violations).toEqual([]);
  }, 60_000);

  it('lets a viewer watch edits live but not type', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'watch.ts');
    await share(ada.page, cy.user, 'viewer');
    await openDocument(cy.page, url);
    await cy.page.getByText('You are a viewer').waitFor();

    await typeAtEnd(ada.page, 'let watched = 1;');
    await expect.poll(() => editorText(cy.page), poll).toBe('let watched = 1;');

    await typeAtEnd(cy.page, 'viewer typing');
    await typeAtEnd(ada.page, ' watched++;');
    await expect.poll(() => editorText(cy.page), poll).toBe('let watched = 1; watched++;');
    expect(await editorText(ada.page)).toBe('let watched = 1; watched++;');
  }, 60_000);

  it('keeps offline edits through a reload and merges them on reconnect', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'offline.ts');
    await share(ada.page, bob.user, 'editor');
    await openDocument(bob.page, url);
    await typeAtEnd(ada.page, 'base');
    await expect.poll(() => editorText(bob.page), poll).toBe('base');
    // The offline reload is served by the service worker: it must control the page first.
    await bob.page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // setOffline alone leaves open WebSockets up (Chromium 156), so cut them too.
    await bob.context.setOffline(true);
    await Promise.all(bob.sockets.splice(0).map((ws) => ws.close({ code: 4000, reason: 'test cut the network' })));
    await waitForStatus(bob.page, 'offline');

    await typeAtEnd(bob.page, ' bobOffline');
    await typeAtEnd(ada.page, ' adaOnline');
    await bob.page.locator('.connection[data-unsynced="true"]').waitFor();
    await expect.poll(() => editorText(ada.page), poll).toBe('base adaOnline');

    await bob.page.reload();
    await waitForStatus(bob.page, 'offline');
    await expect.poll(() => editorText(bob.page), poll).toBe('base bobOffline');
    await bob.page.getByText('Unsynced changes').waitFor();

    await bob.context.setOffline(false);
    await waitForStatus(bob.page, 'connected', 30_000);
    await expect.poll(() => editorText(bob.page), poll).toMatch(/^base( adaOnline| bobOffline){2}$/);
    await expect.poll(() => editorText(ada.page), poll).toBe(await editorText(bob.page));
    await bob.page.locator('.connection[data-unsynced="false"]').waitFor();
  }, 90_000);

  it('restores an older version in every open editor', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'history.ts');
    await share(ada.page, bob.user, 'editor');
    await openDocument(bob.page, url);
    await typeAtEnd(ada.page, 'first draft');
    await expect.poll(() => editorText(bob.page), poll).toBe('first draft');

    await waitForSavedVersion(ada.page);
    const history = ada.page.getByRole('dialog');
    const versions = history.getByRole('button', { name: /^Version saved/ });

    await typeAtEnd(ada.page, ' then rewritten');
    await expect.poll(() => editorText(bob.page), poll).toBe('first draft then rewritten');

    await ada.page.getByRole('button', { name: 'History' }).click();
    await versions.first().waitFor();
    // The chosen version is the diff's left side (the right is the current text).
    const preview = history.getByTestId('version-diff').locator('.editor.original');
    let restored = false;
    for (let i = 0; i < (await versions.count()) && !restored; i += 1) {
      await versions.nth(i).click();
      await preview.locator('.view-line').first().waitFor();
      if ((await preview.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ').trim() === 'first draft') {
        await history.getByRole('button', { name: 'Restore this version' }).click();
        restored = true;
      }
    }
    expect(restored).toBe(true);

    await expect.poll(() => editorText(ada.page), poll).toBe('first draft');
    await expect.poll(() => editorText(bob.page), poll).toBe('first draft');
  }, 90_000);

  it('names a version, and every member sees the name in the history', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'named.ts');
    await share(ada.page, bob.user, 'viewer');
    await typeAtEnd(ada.page, 'release candidate');
    await waitForSavedVersion(ada.page);

    const history = ada.page.getByRole('dialog');
    await ada.page.getByRole('button', { name: 'History' }).click();
    await history.getByRole('button', { name: /^Version saved/ }).first().click();
    await history.getByRole('button', { name: 'Name this version' }).click();
    // Keyboard only: the labelled field has the focus, Enter saves.
    await ada.page.keyboard.type('Release 1.0');
    await expect.poll(() => history.getByLabel('Version name').inputValue(), poll).toBe('Release 1.0');
    await ada.page.keyboard.press('Enter');
    await history.getByRole('button', { name: /^Release 1\.0 \(named version\) saved/ }).waitFor();
    await history.getByRole('button', { name: 'Close' }).click();

    // A viewer sees the name, with "Named only" leaving just that version, and cannot rename it.
    await openDocument(bob.page, url);
    const bobHistory = bob.page.getByRole('dialog');
    await bob.page.getByRole('button', { name: 'History' }).click();
    await bobHistory.getByRole('button', { name: /^Release 1\.0 \(named version\) saved/ }).waitFor();
    await bobHistory.getByLabel('Named only').check();
    await expect.poll(() => bobHistory.getByRole('list', { name: 'Saved versions' }).getByRole('button').count(), poll).toBe(1);
    await bobHistory.getByRole('button', { name: /^Release 1\.0/ }).click();
    await bobHistory.getByText('Release 1.0', { exact: true }).last().waitFor();
    expect(await bobHistory.getByRole('button', { name: /Name this version|Rename version/ }).count()).toBe(0);
    await bobHistory.getByRole('button', { name: 'Close' }).click();
  }, 90_000);

  it('tells a collaborator removed from the document that access is gone', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'removed.ts');
    await share(ada.page, bob.user, 'editor');
    await openDocument(bob.page, url);

    await ada.page.getByRole('button', { name: 'Share' }).click();
    await ada.page.getByRole('dialog').getByRole('button', { name: `Remove ${bob.user.name}` }).click();
    await ada.page.getByRole('dialog').getByRole('listitem', { name: bob.user.name }).waitFor({ state: 'detached' });
    await ada.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await bob.page.getByText('You no longer have access to this document.').waitFor();
    await waitForStatus(bob.page, 'forbidden');
  }, 60_000);

  it('sends a revoked session to sign in and keeps the edits made meanwhile', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'revoked.ts');
    await share(ada.page, bob.user, 'editor');
    await openDocument(bob.page, url);
    await typeAtEnd(ada.page, 'shared');
    await expect.poll(() => editorText(bob.page), poll).toBe('shared');

    await bob.context.setOffline(true);
    await Promise.all(bob.sockets.splice(0).map((ws) => ws.close({ code: 4000, reason: 'test cut the network' })));
    await waitForStatus(bob.page, 'offline');
    await typeAtEnd(bob.page, ' keptLocally');

    // Bob signs out everywhere from another device while he is away (no token is readable in the page).
    const signIn = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: bob.user.email, password: bob.user.password }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const logout = await fetch(`${server.baseUrl}/api/auth/logout-all`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(logout.status).toBe(204);

    await bob.context.setOffline(false);
    await bob.page.getByText('Your session ended').waitFor();
    await bob.page.getByLabel('Email').fill(bob.user.email);
    await bob.page.getByLabel('Password').fill(bob.user.password);
    await bob.page.getByRole('button', { name: 'Sign in' }).click();

    await waitForStatus(bob.page, 'connected');
    await expect.poll(() => editorText(ada.page), poll).toBe('shared keptLocally');
    await expect.poll(() => editorText(bob.page), poll).toBe('shared keptLocally');
  }, 60_000);
});
