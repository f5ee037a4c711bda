import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  authTokensSchema,
  loginBodySchema,
  refreshBodySchema,
  registerBodySchema,
  userSchema,
  type AuthTokensDto,
} from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { unauthorized } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { readJson } from '../request-body.js';
import type { SessionService } from '../services/sessions.js';
import { toUserDto, type UserService } from '../services/users.js';

export interface AuthRoutesDeps {
  users: UserService;
  sessions: SessionService;
  /** Applied to register, login and refresh (per client address). */
  authRateLimit: MiddlewareHandler<AppEnv>;
}

const tags = ['auth'];

/** `/api/auth`: accounts and sessions. */
export function createAuthRoutes({ users, sessions, authRateLimit }: AuthRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'post', path: '/register', tags, auth: false, summary: 'Create an account',
      body: registerBodySchema,
      responses: { 201: json(z.strictObject({ user: userSchema }), 'the new account') },
      errors: [409, 429],
    },
    authRateLimit,
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
    authRateLimit,
    async (c) => {
      const body = await readJson(c, loginBodySchema);
      const user = await users.authenticate(body);
      const tokens = await sessions.start(user.id);
      c.get('logger').info({ userId: user.id }, 'logged in');
      c.header('Cache-Control', 'no-store'); // tokens: never kept by a browser or proxy cache (RFC 6749 §5.1)
      return c.json({ ...tokens, user: toUserDto(user) } satisfies AuthTokensDto);
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/refresh', tags, auth: false,
      summary: 'A new token pair for a refresh token, which works once (rotation)',
      body: refreshBodySchema,
      responses: { 200: json(authTokensSchema, 'the new pair and the account') },
      errors: [401, 429],
    },
    authRateLimit,
    async (c) => {
      const body = await readJson(c, refreshBodySchema);
      const { userId, tokens } = await sessions.refresh(body.refreshToken);
      const user = await users.findById(userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      c.header('Cache-Control', 'no-store');
      return c.json({ ...tokens, user: toUserDto(user) } satisfies AuthTokensDto);
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
      c.get('logger').info('logged out');
      return c.body(null, 204);
    },
  );
  return app;
}
