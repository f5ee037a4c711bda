import { z } from 'zod';
import type { DocumentBus } from '@codesync/bus';
import { deleteAccountBodySchema, userSchema } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { unauthorized } from '../errors.js';
import { authenticate } from '../middleware/authenticate.js';
import type { RefreshCookie } from '../middleware/refresh-cookie.js';
import { createApiRouter, defineRoute, json, noContent } from '../openapi/define-route.js';
import { readJson } from '../request-body.js';
import type { AccountService } from '../services/accounts.js';
import { discardDocuments } from '../services/document-state.js';
import type { LoginThrottle } from '../services/login-throttle.js';
import type { SessionService } from '../services/sessions.js';
import { toUserDto, type UserService } from '../services/users.js';
import { confirmThrottled } from './account.js';

export interface UserRoutesDeps {
  users: UserService;
  sessions: SessionService;
  accounts: AccountService;
  throttle: LoginThrottle;
  refreshCookie: RefreshCookie;
  bus: DocumentBus;
  store: SnapshotStore;
}

/** `/api/users`: the caller's own account. */
export function createUserRoutes(deps: UserRoutesDeps) {
  const { users, sessions, accounts } = deps;
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
  defineRoute(
    app,
    {
      method: 'delete', path: '/me', tags: ['users'], auth: true, body: deleteAccountBodySchema,
      summary: 'Delete the account: owned projects and documents go, memberships are removed, every session ends',
      responses: { 204: noContent('deleted') },
      errors: [403, 429],
    },
    authenticate(sessions),
    async (c) => {
      const body = await readJson(c, deleteAccountBodySchema);
      const { userId } = c.get('caller');
      await confirmThrottled(deps, userId, body.password);
      const documentIds = await accounts.remove(userId);
      // After the deletions were announced, as for one document: sync instances drop the rooms first.
      await discardDocuments(deps.bus, deps.store, documentIds);
      deps.refreshCookie.clear(c);
      c.get('logger').info({ documents: documentIds.length }, 'account deleted');
      return c.body(null, 204);
    },
  );
  return app;
}
