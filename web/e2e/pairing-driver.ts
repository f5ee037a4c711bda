// What pairing looks like in Playwright terms (issue 17): invite links, following, awareness traffic.
import type { Page, WebSocket } from 'playwright-core';
import { postJson } from './api-seed';
import { waitForStatus, type TestUser } from './app-driver';

export const treeFile = (page: Page, path: string) => page.getByRole('button', { name: `File ${path}`, exact: true });

export async function createProject(page: Page, baseUrl: string, name: string): Promise<string> {
  await page.goto(baseUrl);
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/p\/[^/]+$/);
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/**
 * Calls the API as this person, through a session of their own signed in from the test
 * (the app keeps its access token in memory, out of the page's reach, on purpose).
 */
export async function apiAs<T>(baseUrl: string, user: TestUser, method: string, path: string, body?: unknown): Promise<T> {
  const { accessToken } = await postJson<{ accessToken: string }>(baseUrl, '/api/auth/login', { email: user.email, password: user.password });
  const response = await fetch(baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function createInviteLink(page: Page, role: 'editor' | 'viewer'): Promise<string> {
  const panel = page.locator('details.project-invites');
  if ((await panel.getAttribute('open')) === null) await page.getByText('Invite links', { exact: true }).click();
  await page.getByLabel('Role for people who open the link').selectOption(role);
  await page.getByRole('button', { name: 'Create link' }).click();
  const field = page.getByLabel('New link (shown once: copy it now)');
  await field.waitFor();
  return field.inputValue();
}

export async function openFile(page: Page, path: string): Promise<void> {
  await treeFile(page, path).click();
  await page.getByRole('tab', { name: path, selected: true }).waitFor();
  await waitForStatus(page, 'connected');
}

/** Whether the editor shows a line with exactly this text inside its visible box. */
export function lineInView(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const host = document.querySelector('.project-editor .monaco-host');
    if (!host) return false;
    const box = host.getBoundingClientRect();
    return [...host.querySelectorAll<HTMLElement>('.view-line')].some((line) => {
      if ((line.textContent ?? '').replace(/\u00a0/g, ' ') !== wanted) return false;
      const r = line.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    });
  }, text);
}

/** Ctrl/Cmd+G, as a person moves to a line. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.project-editor .monaco-host .view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

/** Bytes of y-protocols awareness messages (first byte 1) on a page's sockets, by direction and socket kind. */
export interface AwarenessTally {
  sent: { project: number; document: number };
  received: { project: number; document: number };
  reset(): void;
}

export function tallyAwareness(page: Page): AwarenessTally {
  const tally: AwarenessTally = {
    sent: { project: 0, document: 0 },
    received: { project: 0, document: 0 },
    reset() {
      tally.sent = { project: 0, document: 0 };
      tally.received = { project: 0, document: 0 };
    },
  };
  const count = (socket: WebSocket, payload: string | Buffer, side: 'sent' | 'received') => {
    if (typeof payload === 'string' || payload[0] !== 1) return;
    const kind = socket.url().includes('/socket/project/') ? 'project' : 'document';
    tally[side][kind] += payload.byteLength;
  };
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => count(socket, frame.payload, 'sent'));
    socket.on('framereceived', (frame) => count(socket, frame.payload, 'received'));
  });
  return tally;
}
