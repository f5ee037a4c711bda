import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { webSecurityHeaders } from './web-security.js';

/**
 * The built web app (`web/dist`), built on first start if missing, served
 * with long-lived caching for hashed assets and the SPA's index.html for
 * every other path (client-side routes such as /d/:documentId).
 */
export function ensureWebBuild(dist: string, repoRoot: string, logger: Logger): boolean {
  if (existsSync(path.join(dist, 'index.html'))) return true;
  logger.info({ dist }, 'web app not built yet: building it once (pnpm --filter @codesync/web build)');
  // A production build whatever NODE_ENV the caller runs with (tests set it to `test`).
  const result = spawnSync('pnpm', ['--filter', '@codesync/web', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    // eslint-disable-next-line no-restricted-properties -- the child inherits the environment, not config
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0 || !existsSync(path.join(dist, 'index.html'))) {
    logger.error({ dist }, 'web build failed: serving the API and sync only');
    return false;
  }
  return true;
}

/**
 * Serves a file from `dist` with a cache policy. serveStatic's `onFound` runs after its
 * response is built, so a header set there never reached the browser: set it on the response.
 * The brotli or gzip copy built by Vite is sent to a browser that accepts it.
 */
function serveFile(root: string, cacheControl: string): MiddlewareHandler {
  const serve = serveStatic({ root, precompressed: true });
  return async (c, next) => {
    const response = await serve(c, next);
    // Not found, it called `next`: whatever came after answered.
    if (response instanceof Response) response.headers.set('Cache-Control', cacheControl);
    return response;
  };
}

export function createWebApp(dist: string): Hono {
  const app = new Hono();
  app.use('*', webSecurityHeaders());
  const root = path.relative(process.cwd(), dist) || '.';
  app.use('/assets/*', serveFile(root, 'public, max-age=31536000, immutable'));
  app.use('*', serveFile(root, 'no-cache'));
  // Read per request (it is small): a rebuild of web/dist while running must not break the app.
  app.get('*', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(path.join(dist, 'index.html'), 'utf8'));
  });
  return app;
}
