// What every browser test starts with: the built app served by a real server, Chromium,
// and people who signed up, each in a browser context of their own.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp, testUser, type TestUser } from './app-driver';
import { ensureBuilt, launchBrowser, startServer, type RunningServer } from './harness';

export interface Person {
  user: TestUser;
  context: BrowserContext;
  page: Page;
}

export interface BrowserSuite {
  server: RunningServer;
  browser: Browser;
  /** A new person, signed up; `prepare` runs on their context before the first page opens. */
  person(name: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<Person>;
  stop(): Promise<void>;
}

/** Builds the app if stale, starts the server (or uses CODESYNC_E2E_URL) and Chromium. */
export async function startBrowserSuite(env: NodeJS.ProcessEnv): Promise<BrowserSuite> {
  ensureBuilt(env);
  const server = await startServer({ env, externalUrl: env.CODESYNC_E2E_URL });
  return browserSuiteOn(server, await launchBrowser());
}

/** A suite over a server and a browser already started; `stop` closes both. */
export function browserSuiteOn(server: RunningServer, browser: Browser): BrowserSuite {
  return {
    server,
    browser,
    async person(name, prepare) {
      const context = await browser.newContext({
        viewport: { width: 1100, height: 700 },
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      context.setDefaultTimeout(15_000);
      await prepare?.(context);
      const page = await context.newPage();
      const user = testUser(name);
      await signUp(page, server.baseUrl, user);
      return { user, context, page };
    },
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}
