import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectInvites } from '@codesync/db';
import type { CreatedInviteDto, InviteDto, ProjectDto } from '@codesync/protocol';
import { waitFor } from '@codesync/testing';
import type { ApiHarness, TestUser } from './api-harness.js';

async function createInvite(h: ApiHarness, owner: TestUser, projectId: string, body: object): Promise<CreatedInviteDto> {
  const response = await h.request<{ invite: CreatedInviteDto }>('POST', `/api/projects/${projectId}/invites`, {
    token: owner.accessToken,
    json: body,
    headers: { origin: 'http://app.example.test' },
  });
  expect(response.status, response.text).toBe(201);
  return response.body.invite;
}

const accept = (h: ApiHarness, user: TestUser, token: string) =>
  h.request<{ project: ProjectDto }>('POST', '/api/invites/accept', { token: user.accessToken, json: { token } });

export function describeInvitesContract(harness: () => ApiHarness): void {
  describe('invite links', () => {
    it('the owner creates, lists and revokes links; a 256-bit token is shown once, with the link', async () => {
      const h = harness();
      const ada = await h.signUp('Ada');
      const project = await h.createProject(ada);
      const before = Date.now();
      const invite = await createInvite(h, ada, project.id, { role: 'editor' });
      expect(invite).toMatchObject({ role: 'editor', useCount: 0 });
      expect(invite.token).toMatch(/^[\w-]{43}$/);
      expect(invite.url).toBe(`http://app.example.test/invite/${invite.token}`);
      // Default expiry: 7 days.
      const lifetime = Date.parse(invite.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
      expect(lifetime).toBeLessThan(7 * 24 * 3600_000 + 60_000);
      const short = await createInvite(h, ada, project.id, { role: 'viewer', expiresInHours: 1 });

      const list = await h.request<{ invites: InviteDto[] }>('GET', `/api/projects/${project.id}/invites`, { token: ada.accessToken });
      expect(list.body.invites.map((i) => [i.id, i.role])).toEqual([[invite.id, 'editor'], [short.id, 'viewer']]);
      expect(list.text).not.toContain(invite.token);

      expect((await h.request('DELETE', `/api/projects/${project.id}/invites/${short.id}`, { token: ada.accessToken })).status).toBe(204);
      const again = await h.request('DELETE', `/api/projects/${project.id}/invites/${short.id}`, { token: ada.accessToken });
      expect([again.status, again.body.error.code]).toEqual([404, 'invite_not_found']);
      const after = await h.request<{ invites: InviteDto[] }>('GET', `/api/projects/${project.id}/invites`, { token: ada.accessToken });
      expect(after.body.invites.map((i) => i.id)).toEqual([invite.id]);
    });

    it('stores only a hash of the token', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const invite = await createInvite(h, ada, project.id, { role: 'viewer' });
      const rows = await h.runtime.database.db.select().from(projectInvites).where(sql`${projectInvites.id} = ${invite.id}`);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(invite.token);
      expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a signed-in account joins with the link’s role; accepting twice is harmless and counts once', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const project = await h.createProject(ada, 'Pairing');
      const invite = await createInvite(h, ada, project.id, { role: 'editor' });
      const joined = await accept(h, bob, invite.token);
      expect(joined.status, joined.text).toBe(200);
      expect(joined.body.project).toMatchObject({ id: project.id, name: 'Pairing', role: 'editor' });
      expect((await accept(h, bob, invite.token)).body.project.role).toBe('editor');
      const file = await h.addFile(bob, project.id, 'bob.ts', 'by bob');
      expect(file.path).toBe('bob.ts');
      const list = await h.request<{ invites: InviteDto[] }>('GET', `/api/projects/${project.id}/invites`, { token: ada.accessToken });
      expect(list.body.invites[0]!.useCount).toBe(1);
    });

    it('never lowers a role: an editor or the owner opening a viewer link keeps theirs; a viewer opening an editor link is raised', async () => {
      const h = harness();
      const [ada, bob, cy] = [await h.signUp('Ada'), await h.signUp('Bob'), await h.signUp('Cy')];
      const project = await h.createProject(ada);
      await h.shareProject(ada, project.id, bob, 'editor');
      await h.shareProject(ada, project.id, cy, 'viewer');
      const viewerLink = await createInvite(h, ada, project.id, { role: 'viewer' });
      expect((await accept(h, bob, viewerLink.token)).body.project.role).toBe('editor');
      expect((await accept(h, ada, viewerLink.token)).body.project.role).toBe('owner');
      const editorLink = await createInvite(h, ada, project.id, { role: 'editor' });
      expect((await accept(h, cy, editorLink.token)).body.project.role).toBe('editor');
      // Live sockets learn of the raise through the bus.
      await waitFor(
        () => h.events.some((e) => e.type === 'project-member-role-changed' && e.userId === cy.user.id && e.role === 'editor'),
        { what: 'role change announced' },
      );
    });

    it('revoked or unknown → 404, expired → 410, and nobody joins', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const project = await h.createProject(ada);
      const revoked = await createInvite(h, ada, project.id, { role: 'editor' });
      await h.request('DELETE', `/api/projects/${project.id}/invites/${revoked.id}`, { token: ada.accessToken });
      const gone = await accept(h, bob, revoked.token);
      expect([gone.status, (gone.body as unknown as { error: { code: string } }).error.code]).toEqual([404, 'invite_not_found']);
      expect((await accept(h, bob, 'x'.repeat(43))).status).toBe(404);

      const expired = await createInvite(h, ada, project.id, { role: 'editor' });
      await h.runtime.database.db
        .update(projectInvites)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(sql`${projectInvites.id} = ${expired.id}`);
      const late = await accept(h, bob, expired.token);
      expect([late.status, (late.body as unknown as { error: { code: string } }).error.code]).toEqual([410, 'invite_expired']);
      expect((await h.request('GET', `/api/projects/${project.id}`, { token: bob.accessToken })).status).toBe(404);
      const list = await h.request<{ invites: InviteDto[] }>('GET', `/api/projects/${project.id}/invites`, { token: ada.accessToken });
      expect(list.body.invites).toEqual([]);
    });

    it('a viewer or an editor cannot create, list or revoke links', async () => {
      const h = harness();
      const [ada, bob, cy] = [await h.signUp('Ada'), await h.signUp('Bob'), await h.signUp('Cy')];
      const project = await h.createProject(ada);
      await h.shareProject(ada, project.id, bob, 'editor');
      await h.shareProject(ada, project.id, cy, 'viewer');
      const invite = await createInvite(h, ada, project.id, { role: 'viewer' });
      for (const user of [bob, cy]) {
        const post = await h.request('POST', `/api/projects/${project.id}/invites`, { token: user.accessToken, json: { role: 'editor' } });
        expect(post.status).toBe(403);
        expect((await h.request('GET', `/api/projects/${project.id}/invites`, { token: user.accessToken })).status).toBe(403);
        const del = await h.request('DELETE', `/api/projects/${project.id}/invites/${invite.id}`, { token: user.accessToken });
        expect(del.status).toBe(403);
      }
    });

    it('judges bodies: an owner role, an absurd expiry or a missing token is a 400', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      for (const json of [{ role: 'owner' }, { role: 'viewer', expiresInHours: 0 }, { role: 'viewer', expiresInHours: 1e9 }, {}]) {
        const response = await h.request('POST', `/api/projects/${project.id}/invites`, { token: ada.accessToken, json });
        expect(response.status, JSON.stringify(json)).toBe(400);
      }
      for (const json of [{}, { token: 7 }, { token: 'a'.repeat(300) }]) {
        expect((await h.request('POST', '/api/invites/accept', { token: ada.accessToken, json })).status).toBe(400);
      }
    });
  });
}
