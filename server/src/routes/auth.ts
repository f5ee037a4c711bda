import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  authTokensSchema,
  cookieRefreshBodySchema,
  loginBodySchema,
  refreshBodySchema,
  registerBodySchema,
  userSchema,
  type AuthTokensDto,
  type LoginBody,
} from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { ApiError, rateLimited, unauthorized } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import { wantsRefreshCookie, type RefreshCookie } from '../middleware/refresh-cookie.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { readJson } from '../request-body.js';
import type { LoginThrottle } from '../services/login-throttle.js';
import type { IssuedTokens, SessionService } from '../services/sessions.js';
import { toUserDto, type UserRow, type UserService } from '../services/users.js';

export interface AuthRateLimits {
  /** Per client address, each its own bucket (one office behind a NAT refreshing does not block its sign-ins). */
  register: MiddlewareHandler<AppEnv>;
  login: MiddlewareHandler<AppEnv>;
  refresh: MiddlewareHandler<AppEnv>;
}

export interface AuthRoutesDeps {
  users: UserService;
  sessions: SessionService;
  limits: AuthRateLimits;
  /** Per account: growing waits after repeated wrong passwords. */
  throttle: LoginThrottle;
  refreshCookie: RefreshCookie;
}

const tags = ['auth'];

/** The pair for the client: with `X-Refresh-Cookie: 1` the refresh token goes into its cookie, not the body. */
export function sendTokens(c: Context<AppEnv>, cookie: RefreshCookie, tokens: IssuedTokens, user: UserRow) {
  c.header('Cache-Control', 'no-store'); // tokens: never kept by a browser or proxy cache (RFC 6749 §5.1)
  const body: AuthTokensDto = { ...tokens, user: toUserDto(user) };
  if (wantsRefreshCookie(c)) {
    cookie.set(c, tokens.refreshToken);
    delete body.refreshToken;
  }
  return c.json(body);
}

/** A wrong password counts against the account; a right one clears its count. */
async function authenticateThrottled(users: UserService, throttle: LoginThrottle, body: LoginBody): Promise<UserRow> {
  const wait = await throttle.wait(body.email);
  if (wait > 0) throw rateLimited(wait);
  try {
    const user = await users.authenticate(body);
    await throttle.succeeded(body.email);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_credentials') await throttle.failed(body.email);
    throw error;
  }
}

/** `/api/auth`: accounts and sessions. */
export function createAuthRoutes({ users, sessions, limits, throttle, refreshCookie }: AuthRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'post', path: '/register', tags, auth: false, summary: 'Create an account',
      body: registerBodySchema,
      responses: { 201: json(z.strictObject({ user: userSchema }), 'the new account') },
      errors: [409, 429],
    },
    limits.register,
    async (c) => {
      const body = await readJson(c, registerBodySchema);
      const user = await users.register(body);
      c.get('logger').info({ userId: user.id }, 'user registered');
      return c.json({ user: toUserDto(user) }, 201);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/login', tags, auth: false, summary: 'Sign in: a new session',
      body: loginBodySchema,
      responses: { 200: json(authTokensSchema, 'an access token, a refresh token and the account') },
      errors: [401, 429],
    },
    limits.login,
    async (c) => {
      const body = await readJson(c, loginBodySchema);
      const user = await authenticateThrottled(users, throttle, body);
      const tokens = await sessions.start(user.id);
      c.get('logger').info({ userId: user.id }, 'logged in');
      return sendTokens(c, refreshCookie, tokens, user);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/refresh', tags, auth: false,
      summary: 'A new token pair for a refresh token, which works once (rotation)',
      description: 'The refresh token comes in the body, or (with `X-Refresh-Cookie: 1`) in the cookie login set; then the body may be empty.',
      body: cookieRefreshBodySchema,
      responses: { 200: json(authTokensSchema, 'the new pair and the account') },
      errors: [401, 403, 429],
    },
    limits.refresh,
    async (c) => {
      const body: { refreshToken?: string } = wantsRefreshCookie(c)
        ? await readJson(c, cookieRefreshBodySchema, { emptyIs: {} })
        : await readJson(c, refreshBodySchema);
      const refreshToken = body.refreshToken ?? refreshCookie.read(c);
      if (!refreshToken) throw unauthorized('unauthorized', 'give refreshToken, or the refresh cookie with X-Refresh-Cookie: 1');
      try {
        const { userId, tokens } = await sessions.refresh(refreshToken);
        const user = await users.findById(userId);
        if (!user) throw unauthorized('session_revoked', 'account no longer exists');
        return sendTokens(c, refreshCookie, tokens, user);
      } catch (error) {
        if (body.refreshToken === undefined) refreshCookie.clear(c);
        throw error;
      }
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/logout', tags, auth: true, summary: "End the caller's session: its tokens stop working at once",
      responses: { 204: noContent('signed out') },
      errors: [],
    },
    authenticate(sessions),
    async (c) => {
      await sessions.revoke(c.get('caller').sessionId);
      refreshCookie.clear(c);
      c.get('logger').info('logged out');
      return c.body(null, 204);
    },
  );
  return app;
}
