import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness, TestUser } from './api-harness.js';

const actors = ['anonymous', 'nonMember', 'viewer', 'editor', 'owner'] as const;
type Actor = (typeof actors)[number];

/** A fresh document shared with an editor, a viewer and a bystander (a second viewer). */
interface Fixture {
  documentId: string;
  versionId: string;
  /** A project shared the same way, holding `a.ts` (document `fileId`). */
  projectId: string;
  fileId: string;
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
  /** A binary body (a zip) instead of JSON. */
  raw?: () => Uint8Array;
  /** The fixture the row needs (a document by default). */
  scope?: 'document' | 'project';
  /** Expected status for anonymous, non-member, viewer, editor, owner. */
  expected: [number, number, number, number, number];
  /** The route ends the caller's session: give each cell a session of its own. */
  ownSession?: boolean;
}

const doc = (f: Fixture) => `/api/documents/${f.documentId}`;
const prj = (f: Fixture) => `/api/projects/${f.projectId}`;
const file = (f: Fixture) => `/api/documents/${f.fileId}`;
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
  { route: 'GET /api/documents/:id/attribution', method: 'GET', path: (f) => `${doc(f)}/attribution`, expected: [401, 404, 200, 200, 200] },
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
  ...projectRows(),
];

/** DESIGN's project routes, and document routes on a project file (roles come from the project). */
function projectRows(): Row[] {
  const rows: Omit<Row, 'scope'>[] = [
    { route: 'GET /api/projects', method: 'GET', path: () => '/api/projects', expected: [401, 200, 200, 200, 200] },
    { route: 'POST /api/projects', method: 'POST', path: () => '/api/projects', body: () => ({ name: 'p' }), expected: [401, 201, 201, 201, 201] },
    { route: 'GET /api/projects/:id', method: 'GET', path: prj, expected: [401, 404, 200, 200, 200] },
    { route: 'PATCH /api/projects/:id', method: 'PATCH', path: prj, body: () => ({ name: 'renamed' }), expected: [401, 404, 403, 200, 200] },
    { route: 'DELETE /api/projects/:id', method: 'DELETE', path: prj, expected: [401, 404, 403, 403, 204] },
    { route: 'GET /api/projects/:id/files', method: 'GET', path: (f) => `${prj(f)}/files`, expected: [401, 404, 200, 200, 200] },
    {
      route: 'POST /api/projects/:id/files', method: 'POST', path: (f) => `${prj(f)}/files`,
      body: () => ({ path: 'src/new.ts', content: 'x' }), expected: [401, 404, 403, 201, 201],
    },
    {
      route: 'PATCH /api/projects/:id/files', method: 'PATCH', path: (f) => `${prj(f)}/files`,
      body: () => ({ from: 'a.ts', to: 'lib/a.ts' }), expected: [401, 404, 403, 200, 200],
    },
    { route: 'DELETE /api/projects/:id/files', method: 'DELETE', path: (f) => `${prj(f)}/files?path=a.ts`, expected: [401, 404, 403, 204, 204] },
    { route: 'GET /api/projects/:id/archive', method: 'GET', path: (f) => `${prj(f)}/archive`, expected: [401, 404, 200, 200, 200] },
    {
      route: 'POST /api/projects/:id/archive', method: 'POST', path: (f) => `${prj(f)}/archive`,
      raw: () => zipSync({ 'a.ts': strToU8('from zip') }), expected: [401, 404, 403, 201, 201],
    },
    { route: 'GET /api/projects/:id/members', method: 'GET', path: (f) => `${prj(f)}/members`, expected: [401, 404, 200, 200, 200] },
    {
      route: 'POST /api/projects/:id/members', method: 'POST', path: (f) => `${prj(f)}/members`,
      body: (u) => ({ email: u.guest.email, role: 'viewer' }), expected: [401, 404, 403, 403, 201],
    },
    {
      route: 'PATCH /api/projects/:id/members/:userId', method: 'PATCH',
      path: (f, u) => `${prj(f)}/members/${u.bystander.user.id}`, body: () => ({ role: 'editor' }),
      expected: [401, 404, 403, 403, 200],
    },
    {
      route: 'DELETE /api/projects/:id/members/:userId', method: 'DELETE',
      path: (f, u) => `${prj(f)}/members/${u.bystander.user.id}`, expected: [401, 404, 403, 403, 204],
    },
    { route: 'POST /api/projects/:id/sync-token', method: 'POST', path: (f) => `${prj(f)}/sync-token`, expected: [401, 404, 200, 200, 200] },
    { route: 'GET /api/documents/:fileId', method: 'GET', path: file, expected: [401, 404, 200, 200, 200] },
    { route: 'GET /api/documents/:fileId/content', method: 'GET', path: (f) => `${file(f)}/content`, expected: [401, 404, 200, 200, 200] },
    { route: 'PATCH /api/documents/:fileId', method: 'PATCH', path: file, body: () => ({ language: 'go' }), expected: [401, 404, 403, 200, 200] },
    { route: 'DELETE /api/documents/:fileId', method: 'DELETE', path: file, expected: [401, 404, 403, 403, 204] },
    { route: 'POST /api/documents/:fileId/sync-token', method: 'POST', path: (f) => `${file(f)}/sync-token`, expected: [401, 404, 200, 200, 200] },
    { route: 'GET /api/documents/:fileId/versions', method: 'GET', path: (f) => `${file(f)}/versions`, expected: [401, 404, 200, 200, 200] },
    { route: 'GET /api/documents/:fileId/attribution', method: 'GET', path: (f) => `${file(f)}/attribution`, expected: [401, 404, 200, 200, 200] },
  ];
  return rows.map((row) => ({ ...row, scope: 'project' }));
}

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

    async function fixture(h: ApiHarness, scope: Row['scope']): Promise<Fixture> {
      if (scope === 'project') {
        const project = await h.createProject(users.owner);
        await h.shareProject(users.owner, project.id, users.editor, 'editor');
        await h.shareProject(users.owner, project.id, users.viewer, 'viewer');
        await h.shareProject(users.owner, project.id, users.bystander, 'viewer');
        const entry = await h.addFile(users.owner, project.id, 'a.ts', 'matrix');
        return { documentId: '', versionId: '', projectId: project.id, fileId: entry.documentId! };
      }
      const created = await h.createDocument(users.owner, { content: 'matrix' });
      await h.share(users.owner, created.id, users.editor, 'editor');
      await h.share(users.owner, created.id, users.viewer, 'viewer');
      await h.share(users.owner, created.id, users.bystander, 'viewer');
      const [version] = await h.store.list(created.id);
      return { documentId: created.id, versionId: version!.id, projectId: '', fileId: '' };
    }

    const cells = rows.flatMap((row) => actors.map((actor, i) => ({ row, actor, status: row.expected[i]! })));
    it.each(cells)('$row.route as $actor → $status', async ({ row, actor, status }: { row: Row; actor: Actor; status: number }) => {
      const h = harness();
      const f = await fixture(h, row.scope);
      let token: string | undefined;
      if (actor !== 'anonymous') token = row.ownSession ? (await h.login(users[actor])).accessToken : users[actor].accessToken;
      const response = row.raw
        ? await h.request(row.method, row.path(f, users), { token, raw: row.raw(), headers: { 'content-type': 'application/zip' } })
        : await h.request(row.method, row.path(f, users), { token, json: row.body?.(users) });
      expect(response.status, response.text).toBe(status);
      if (status >= 400) expect(response.body.error.code).toMatch(/^[a-z_]+$/);
    });
  });
}
