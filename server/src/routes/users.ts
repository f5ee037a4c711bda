import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { unauthorized } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import type { SessionService } from '../services/sessions.js';
import { toUserDto, type UserService } from '../services/users.js';

/** `/api/users`: the caller's own account. */
export function createUserRoutes({ users, sessions }: { users: UserService; sessions: SessionService }) {
  return new Hono<AppEnv>().get('/me', authenticate(sessions), async (c) => {
    const user = await users.findById(c.get('caller').userId);
    if (!user) throw unauthorized('session_revoked', 'account no longer exists');
    return c.json({ user: toUserDto(user) });
  });
}
