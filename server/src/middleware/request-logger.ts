import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { AppEnv } from '../context.js';

/**
 * Gives each request a child logger carrying its request id (set by hono's
 * requestId middleware, which runs first) and writes one line when it ends.
 */
export function requestLogger(root: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    c.set('logger', root.child({ reqId: c.get('requestId') }));
    await next();
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    // Read the logger again: authentication may have replaced it with one that names the user.
    const logger = c.get('logger');
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
}
