import { Hono, type MiddlewareHandler } from 'hono';
import { loginBodySchema, refreshBodySchema, registerBodySchema, type AuthTokensDto } from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { unauthorized } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import { readJson } from '../request-body.js';
import type { SessionService } from '../services/sessions.js';
import { toUserDto, type UserService } from '../services/users.js';

export interface AuthRoutesDeps {
  users: UserService;
  sessions: SessionService;
  /** Applied to register, login and refresh (per client address). */
  authRateLimit: MiddlewareHandler<AppEnv>;
}

/** `/api/auth`: accounts and sessions. */
export function createAuthRoutes({ users, sessions, authRateLimit }: AuthRoutesDeps) {
  return new Hono<AppEnv>()
    .post('/register', authRateLimit, async (c) => {
      const body = await readJson(c, registerBodySchema);
      const user = await users.register(body);
      c.get('logger').info({ userId: user.id }, 'user registered');
      return c.json({ user: toUserDto(user) }, 201);
    })
    .post('/login', authRateLimit, async (c) => {
      const body = await readJson(c, loginBodySchema);
      const user = await users.authenticate(body);
      const tokens = await sessions.start(user.id);
      c.get('logger').info({ userId: user.id }, 'logged in');
      c.header('Cache-Control', 'no-store'); // tokens: never kept by a browser or proxy cache (RFC 6749 §5.1)
      return c.json({ ...tokens, user: toUserDto(user) } satisfies AuthTokensDto);
    })
    .post('/refresh', authRateLimit, async (c) => {
      const body = await readJson(c, refreshBodySchema);
      const { userId, tokens } = await sessions.refresh(body.refreshToken);
      const user = await users.findById(userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      c.header('Cache-Control', 'no-store');
      return c.json({ ...tokens, user: toUserDto(user) } satisfies AuthTokensDto);
    })
    .post('/logout', authenticate(sessions), async (c) => {
      await sessions.revoke(c.get('caller').sessionId);
      c.get('logger').info('logged out');
      return c.body(null, 204);
    });
}
