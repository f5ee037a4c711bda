import type { MiddlewareHandler } from 'hono';
import { changePasswordBodySchema, resetPasswordBodySchema } from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { ApiError, rateLimited } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import type { RefreshCookie } from '../middleware/refresh-cookie.js';
import { createApiRouter, defineRoute, noContent } from '../openapi/define-route.js';
import { readJson } from '../request-body.js';
import type { AccountService } from '../services/accounts.js';
import type { LoginThrottle } from '../services/login-throttle.js';
import type { SessionService } from '../services/sessions.js';
import type { UserRow, UserService } from '../services/users.js';

export interface AccountRoutesDeps {
  users: UserService;
  sessions: SessionService;
  accounts: AccountService;
  throttle: LoginThrottle;
  refreshCookie: RefreshCookie;
  /** Per client address, as for login. */
  limit: MiddlewareHandler<AppEnv>;
}

/**
 * The password asked again before a change that cannot be undone; a wrong
 * one counts against the account like a failed login (a stolen access token
 * must not become a way to guess the password).
 */
export async function confirmThrottled(deps: Pick<AccountRoutesDeps, 'users' | 'throttle'>, userId: string, password: string): Promise<UserRow> {
  const user = await deps.users.findById(userId);
  const account = user?.email ?? userId;
  const wait = await deps.throttle.wait(account);
  if (wait > 0) throw rateLimited(wait);
  try {
    const confirmed = await deps.users.confirmPassword(userId, password);
    await deps.throttle.succeeded(account);
    return confirmed;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'wrong_password') await deps.throttle.failed(account);
    throw error;
  }
}

const tags = ['auth'];

/** `/api/auth`: self-service on the caller's account (password, every session, reset links). */
export function createAccountRoutes(deps: AccountRoutesDeps) {
  const { users, sessions, accounts, refreshCookie } = deps;
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'post', path: '/password', tags, auth: true, body: changePasswordBodySchema,
      summary: "Change the password; the caller's other sessions end (their sockets close)",
      responses: { 204: noContent('changed') },
      errors: [403, 429],
    },
    authenticate(sessions),
    deps.limit,
    async (c) => {
      const body = await readJson(c, changePasswordBodySchema);
      const caller = c.get('caller');
      await confirmThrottled(deps, caller.userId, body.currentPassword);
      await users.setPassword(caller.userId, body.newPassword);
      const ended = await sessions.revokeAllFor(caller.userId, caller.sessionId);
      c.get('logger').info({ endedSessions: ended }, 'password changed');
      return c.body(null, 204);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/logout-all', tags, auth: true,
      summary: 'End every session of the caller, this one and open sockets included',
      responses: { 204: noContent('signed out everywhere') },
      errors: [],
    },
    authenticate(sessions),
    async (c) => {
      const ended = await sessions.revokeAllFor(c.get('caller').userId);
      refreshCookie.clear(c);
      c.get('logger').info({ endedSessions: ended }, 'logged out everywhere');
      return c.body(null, 204);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/reset', tags, auth: false, body: resetPasswordBodySchema,
      summary: 'Complete a one-time reset link (`pnpm admin reset-link <email>`): a new password, every session ends',
      responses: { 204: noContent('the password is set; sign in with it') },
      errors: [429],
    },
    deps.limit,
    async (c) => {
      const body = await readJson(c, resetPasswordBodySchema);
      const userId = await accounts.completeReset(body.token, body.newPassword);
      c.get('logger').info({ userId }, 'password reset');
      return c.body(null, 204);
    },
  );
  return app;
}
