import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness, TestUser } from './api-harness.js';

const actors = ['anonymous', 'nonMember', 'viewer', 'editor', 'owner'] as const;
type Actor = (typeof actors)[number];

/** A fresh document shared with an editor, a viewer and a bystander (a second viewer). */
interface Fixture {
  documentId: string;
  versionId: string;
}

interface Users {
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  nonMember: TestUser;
  bystander: TestUser;
  guest: TestUser;
}

interface Row {
  route: string;
  method: string;
  path: (f: Fixture, u: Users) => string;
  body?: (u: Users) => unknown;
  /** Expected status for anonymous, non-member, viewer, editor, owner. */
  expected: [number, number, number, number, number];
  /** The route ends the caller's session: give each cell a session of its own. */
  ownSession?: boolean;
}

const doc = (f: Fixture) => `/api/documents/${f.documentId}`;
let registered = 0;

/**
 * DESIGN.md's route table × who is asking. Non-members get 404 on anything
 * about a document (its existence is not revealed); viewers get 403 on writes;
 * only the owner shares, unshares and deletes.
 */
const rows: Row[] = [
  { route: 'GET /api/health', method: 'GET', path: () => '/api/health', expected: [200, 200, 200, 200, 200] },
  {
    route: 'POST /api/auth/register', method: 'POST', path: () => '/api/auth/register',
    body: () => ({ email: `matrix-${Date.now()}-${(registered += 1)}@example.test`, password: 'long enough', name: 'M' }),
    expected: [201, 201, 201, 201, 201],
  },
  {
    route: 'POST /api/auth/login', method: 'POST', path: () => '/api/auth/login',
    body: (u) => ({ email: u.guest.email, password: u.guest.password }), expected: [200, 200, 200, 200, 200],
  },
  { route: 'POST /api/auth/logout', method: 'POST', path: () => '/api/auth/logout', expected: [401, 204, 204, 204, 204], ownSession: true },
  { route: 'GET /api/users/me', method: 'GET', path: () => '/api/users/me', expected: [401, 200, 200, 200, 200] },
  { route: 'GET /api/documents', method: 'GET', path: () => '/api/documents', expected: [401, 200, 200, 200, 200] },
  {
    route: 'POST /api/documents', method: 'POST', path: () => '/api/documents',
    body: () => ({ title: 't', language: 'go' }), expected: [401, 201, 201, 201, 201],
  },
  { route: 'GET /api/documents/:id', method: 'GET', path: doc, expected: [401, 404, 200, 200, 200] },
  { route: 'PATCH /api/documents/:id', method: 'PATCH', path: doc, body: () => ({ title: 'renamed' }), expected: [401, 404, 403, 200, 200] },
  { route: 'DELETE /api/documents/:id', method: 'DELETE', path: doc, expected: [401, 404, 403, 403, 204] },
  { route: 'GET /api/documents/:id/content', method: 'GET', path: (f) => `${doc(f)}/content`, expected: [401, 404, 200, 200, 200] },
  { route: 'GET /api/documents/:id/members', method: 'GET', path: (f) => `${doc(f)}/members`, expected: [401, 404, 200, 200, 200] },
  {
    route: 'POST /api/documents/:id/members', method: 'POST', path: (f) => `${doc(f)}/members`,
    body: (u) => ({ email: u.guest.email, role: 'viewer' }), expected: [401, 404, 403, 403, 201],
  },
  {
    route: 'PATCH /api/documents/:id/members/:userId', method: 'PATCH',
    path: (f, u) => `${doc(f)}/members/${u.bystander.user.id}`, body: () => ({ role: 'editor' }),
    expected: [401, 404, 403, 403, 200],
  },
  {
    route: 'DELETE /api/documents/:id/members/:userId', method: 'DELETE',
    path: (f, u) => `${doc(f)}/members/${u.bystander.user.id}`, expected: [401, 404, 403, 403, 204],
  },
  { route: 'GET /api/documents/:id/versions', method: 'GET', path: (f) => `${doc(f)}/versions`, expected: [401, 404, 200, 200, 200] },
  {
    route: 'GET /api/documents/:id/versions/:versionId', method: 'GET',
    path: (f) => `${doc(f)}/versions/${f.versionId}`, expected: [401, 404, 200, 200, 200],
  },
  {
    route: 'PATCH /api/documents/:id/versions/:versionId', method: 'PATCH',
    path: (f) => `${doc(f)}/versions/${f.versionId}`, body: () => ({ name: 'milestone' }), expected: [401, 404, 403, 200, 200],
  },
  {
    route: 'POST /api/documents/:id/versions/:versionId/restore', method: 'POST',
    path: (f) => `${doc(f)}/versions/${f.versionId}/restore`, expected: [401, 404, 403, 200, 200],
  },
  { route: 'POST /api/documents/:id/sync-token', method: 'POST', path: (f) => `${doc(f)}/sync-token`, expected: [401, 404, 200, 200, 200] },
];

export function describeAuthorizationMatrix(harness: () => ApiHarness): void {
  describe('authorization matrix: every route × who is asking', () => {
    let users: Users;
    beforeAll(async () => {
      const h = harness();
      const [owner, editor, viewer, nonMember, bystander, guest] = await Promise.all(
        ['Owner', 'Editor', 'Viewer', 'Stranger', 'Bystander', 'Guest'].map((name) => h.signUp(name)),
      );
      users = { owner: owner!, editor: editor!, viewer: viewer!, nonMember: nonMember!, bystander: bystander!, guest: guest! };
    });

    async function fixture(h: ApiHarness): Promise<Fixture> {
      const created = await h.createDocument(users.owner, { content: 'matrix' });
      await h.share(users.owner, created.id, users.editor, 'editor');
      await h.share(users.owner, created.id, users.viewer, 'viewer');
      await h.share(users.owner, created.id, users.bystander, 'viewer');
      const [version] = await h.store.list(created.id);
      return { documentId: created.id, versionId: version!.id };
    }

    const cells = rows.flatMap((row) => actors.map((actor, i) => ({ row, actor, status: row.expected[i]! })));
    it.each(cells)('$row.route as $actor → $status', async ({ row, actor, status }: { row: Row; actor: Actor; status: number }) => {
      const h = harness();
      const f = await fixture(h);
      let token: string | undefined;
      if (actor !== 'anonymous') token = row.ownSession ? (await h.login(users[actor])).accessToken : users[actor].accessToken;
      const response = await h.request(row.method, row.path(f, users), { token, json: row.body?.(users) });
      expect(response.status, response.text).toBe(status);
      if (status >= 400) expect(response.body.error.code).toMatch(/^[a-z_]+$/);
    });
  });
}
