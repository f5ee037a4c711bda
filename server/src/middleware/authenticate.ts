import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { unauthorized } from '../errors.js';
import type { SessionService } from '../services/sessions.js';

const BEARER = /^Bearer ([\w.~+/=-]{1,4096})$/;

/** Requires `Authorization: Bearer <access token>` of a live session; sets `caller`. */
export function authenticate(sessions: SessionService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw unauthorized('unauthorized', 'missing bearer token');
    const match = BEARER.exec(header.trim());
    if (!match?.[1]) throw unauthorized('invalid_token', 'malformed Authorization header');
    const caller = await sessions.authenticate(match[1]);
    c.set('caller', caller);
    c.set('logger', c.get('logger').child({ userId: caller.userId }));
    await next();
  });
}
