// @vitest-environment node
// Issue 12 in Chromium against a real embedded server: an edit over the document limit
// never enters the document, a refusal (4413) stops reconnecting and says why, and the
// Blame gutter names who wrote each line.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_TEXT_LIMIT_BYTES } from '@codesync/protocol';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, editorText, openDocument, share, typeAtEnd, waitForStatus } from './app-driver';
import { skipReason, webDir, type RunningServer } from './harness';
import { startBrowserSuite, type BrowserSuite, type Person } from './people';

const skip = skipReason(process.env.CI === 'true');
const poll = { timeout: 15_000, interval: 100 };
const artifacts = path.join(webDir, 'e2e', 'artifacts');

/** A just-written line's hover text: the author's name, how long ago (seconds here) and the absolute time. */
const justNow = (name: string) => new RegExp(`^${name} · (now|\\d+ seconds? ago|1 minute ago) \\(.*\\d{4}.*\\)$`);

/** The hover text of a blame line after pointing at it, as the browser's tooltip shows it. */
async function blameHover(page: Page, line: number): Promise<string> {
  const row = page.locator(`.blame-gutter .blame-line[data-line="${line}"]`);
  await row.hover();
  return (await row.getAttribute('title')) ?? '';
}

/** The names the blame gutter shows for a line (1-based), as a person reads them. */
function blameNames(page: Page, line: number): Promise<string> {
  return page
    .locator(`.blame-gutter .blame-line[data-line="${line}"]`)
    .textContent({ timeout: 1_000 })
    .then((text) => text ?? '', () => '');
}

describe.skipIf(skip !== null)('trust inside a document, in the browser', () => {
  let suite: BrowserSuite;
  let server: RunningServer;
  let ada: Person;
  let bob: Person;
  let cy: Person;

  beforeAll(async () => {
    suite = await startBrowserSuite(process.env);
    server = suite.server;
    ada = await suite.person('Ada');
    bob = await suite.person('Bob');
    cy = await suite.person('Cy');
  }, 240_000);

  afterAll(async () => {
    await suite?.stop();
  }, 30_000);

  it('refuses a paste that would take the document past 2 MiB, says so, and changes nothing', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'limits.ts');
    await share(ada.page, bob.user, 'editor');
    await openDocument(bob.page, url);
    await typeAtEnd(ada.page, 'const kept = true;');
    await expect.poll(() => editorText(bob.page), poll).toBe('const kept = true;');

    const huge = 'x'.repeat(DOCUMENT_TEXT_LIMIT_BYTES + 64 * 1024);
    await ada.page.evaluate((text) => navigator.clipboard.writeText(text), huge);
    await ada.page.keyboard.press('Control+V');

    const alert = ada.page.getByRole('alert').filter({ hasText: 'a document can hold at most 2 MiB of text' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nothing was changed.');
    expect(await editorText(ada.page)).toBe('const kept = true;');
    // Nothing reached the others or the server: a small edit after it syncs as usual.
    await typeAtEnd(ada.page, ' // after');
    await expect.poll(() => editorText(bob.page), poll).toBe('const kept = true; // after');
    await alert.waitFor({ state: 'detached' });
  }, 90_000);

  it('stops reconnecting when the server refuses content as too large (4413), says why, and can start again from the server copy', async () => {
    let refusing = false;
    const sockets: WebSocketRoute[] = [];
    const dee = await suite.person('Dee', (context) =>
      context.routeWebSocket(/\/socket\//, (ws) => {
        sockets.push(ws);
        const toServer = ws.connectToServer();
        // Stands in for a sync service that refuses what this client sends next.
        ws.onMessage((message) => (refusing ? void ws.close({ code: 4413, reason: 'document too large' }) : toServer.send(message)));
      }),
    );
    const url = await createDocument(dee.page, server.baseUrl, 'refused.ts');
    await typeAtEnd(dee.page, 'server text');
    await dee.page.locator('.connection[data-unsynced="false"]').waitFor();

    refusing = true;
    await typeAtEnd(dee.page, ' refused');
    const alert = dee.page.getByRole('alert').filter({ hasText: 'This document is too large' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Syncing has stopped; your changes are kept on this device.');
    await waitForStatus(dee.page, 'too-large');
    expect(sockets).toHaveLength(1);

    refusing = false;
    await alert.getByRole('button', { name: 'Discard unsynced changes…' }).click();
    await dee.page.getByRole('dialog').getByRole('button', { name: 'Discard and reload' }).click();
    await dee.page.waitForURL(url);
    await waitForStatus(dee.page, 'connected');
    await expect.poll(() => editorText(dee.page), poll).toBe('server text');
  }, 90_000);

  it('shows in the Blame gutter who wrote each line, live, to editors and viewers', async () => {
    const url = await createDocument(ada.page, server.baseUrl, 'blame.ts');
    await share(ada.page, bob.user, 'editor');
    await share(ada.page, cy.user, 'viewer');
    await openDocument(bob.page, url);
    await openDocument(cy.page, url);

    await typeAtEnd(ada.page, 'const ada = 1;');
    await ada.page.keyboard.press('Escape');
    await ada.page.keyboard.press('Enter');
    await expect.poll(() => editorText(bob.page), poll).toBe('const ada = 1;\n');
    await typeAtEnd(bob.page, 'const bob = 2;');
    await expect.poll(() => editorText(ada.page), poll).toBe('const ada = 1;\nconst bob = 2;');

    const toggle = ada.page.getByRole('button', { name: 'Blame' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => blameNames(ada.page, 1), poll).toBe('Ada');
    await expect.poll(() => blameNames(ada.page, 2), poll).toBe('Bob');
    // Name and time on hover.
    expect(await blameHover(ada.page, 1)).toMatch(justNow('Ada'));
    expect(await blameHover(ada.page, 2)).toMatch(justNow('Bob'));

    // Live: a line Bob adds while the gutter is open gets his name without a reload.
    await bob.page.keyboard.press('Escape');
    await bob.page.keyboard.press('Enter');
    await bob.page.keyboard.type('const more = 3;');
    await expect.poll(() => blameNames(ada.page, 3), poll).toBe('Bob');
    mkdirSync(artifacts, { recursive: true });
    await ada.page.screenshot({ path: path.join(artifacts, 'blame.png') });

    await cy.page.getByRole('button', { name: 'Blame' }).click();
    await expect.poll(() => blameNames(cy.page, 1), poll).toBe('Ada');
    await expect.poll(() => blameNames(cy.page, 2), poll).toBe('Bob');
    expect(await blameHover(cy.page, 1)).toMatch(justNow('Ada'));
    await expect.poll(() => blameHover(cy.page, 3), poll).toMatch(justNow('Bob'));

    await toggle.click();
    await ada.page.locator('.blame-gutter').waitFor({ state: 'detached' });
  }, 90_000);
});
