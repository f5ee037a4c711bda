import { z } from 'zod';
import { userSchema } from '@codesync/protocol';
import { unauthorized } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import { createApiRouter, defineRoute, json } from '../openapi/define-route.js';
import type { SessionService } from '../services/sessions.js';
import { toUserDto, type UserService } from '../services/users.js';

/** `/api/users`: the caller's own account. */
export function createUserRoutes({ users, sessions }: { users: UserService; sessions: SessionService }) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/me', tags: ['users'], auth: true, summary: 'The caller',
      responses: { 200: json(z.strictObject({ user: userSchema }), 'the account') },
      errors: [],
    },
    authenticate(sessions),
    async (c) => {
      const user = await users.findById(c.get('caller').userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      return c.json({ user: toUserDto(user) });
    },
  );
  return app;
}
