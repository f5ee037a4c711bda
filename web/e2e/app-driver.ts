// What a user does in the app, in Playwright terms; the tests read like the scenarios.
import type { Page } from 'playwright-core';

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

export function testUser(name: string): TestUser {
  const tag = Math.random().toString(36).slice(2, 8);
  return { name, email: `${name.toLowerCase()}-${tag}@example.com`, password: 'correct horse battery' };
}

export async function signUp(page: Page, baseUrl: string, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
}

/** Creates a document from the list page and returns its URL (the editor is open). */
export async function createDocument(page: Page, baseUrl: string, title: string): Promise<string> {
  await page.goto(baseUrl);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Language').selectOption('typescript');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/d\/[^/]+$/);
  await waitForStatus(page, 'connected');
  return page.url();
}

export async function share(page: Page, invitee: TestUser, role: 'editor' | 'viewer'): Promise<void> {
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email to invite').fill(invitee.email);
  await dialog.getByLabel('Role for the invitee').selectOption(role);
  await dialog.getByRole('button', { name: 'Invite' }).click();
  await dialog.getByRole('listitem', { name: invitee.name }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

export async function openDocument(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForStatus(page, 'connected');
}

export function waitForStatus(page: Page, status: string, timeout = 15_000): Promise<void> {
  return page.locator(`.connection[data-status="${status}"]`).waitFor({ timeout });
}

/** The editor's text as Monaco renders it (lines in order, non-breaking spaces as spaces). */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll<HTMLElement>('.monaco-host .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** Types at the end of the document, as a user would. Avoids Enter: it could accept a suggestion. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-host .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}
