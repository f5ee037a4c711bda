import { describe, expect, it } from 'vitest';
import type { DocumentDto, ProjectDto, ProjectEntryDto, ProjectFilesDto, SyncTokenDto } from '@codesync/protocol';
import { waitFor } from '@codesync/testing';
import type { ApiHarness, TestUser } from './api-harness.js';

type Files = ProjectFilesDto;

export async function filesOf(h: ApiHarness, user: TestUser, projectId: string): Promise<Files> {
  const response = await h.request<Files>('GET', `/api/projects/${projectId}/files`, { token: user.accessToken });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

export const pathsOf = (files: Files) => files.entries.map((e) => `${e.kind === 'folder' ? 'D' : 'F'} ${e.path}`);

export async function textOf(h: ApiHarness, user: TestUser, documentId: string): Promise<string> {
  const response = await h.request('GET', `/api/documents/${documentId}/content`, { token: user.accessToken });
  expect(response.status, response.text).toBe(200);
  return response.text;
}

export function describeProjectsContract(harness: () => ApiHarness): void {
  describe('projects', () => {
    it('creates, lists with role, reads, renames and deletes a project', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const project = await h.createProject(ada, 'Pair');
      expect(project).toMatchObject({ name: 'Pair', role: 'owner', ownerId: ada.user.id, treeVersion: 0 });
      await h.shareProject(ada, project.id, bob, 'viewer');
      const list = await h.request<{ projects: ProjectDto[] }>('GET', '/api/projects', { token: bob.accessToken });
      expect(list.body.projects.map((p) => [p.name, p.role])).toEqual([['Pair', 'viewer']]);
      expect((await h.request('PATCH', `/api/projects/${project.id}`, { token: bob.accessToken, json: { name: 'x' } })).status).toBe(403);
      const renamed = await h.request<{ project: ProjectDto }>('PATCH', `/api/projects/${project.id}`, {
        token: ada.accessToken,
        json: { name: 'Renamed' },
      });
      expect(renamed.body.project.name).toBe('Renamed');
      const file = await h.addFile(ada, project.id, 'a.ts', 'one');
      expect((await h.request('DELETE', `/api/projects/${project.id}`, { token: bob.accessToken })).status).toBe(403);
      expect((await h.request('DELETE', `/api/projects/${project.id}`, { token: ada.accessToken })).status).toBe(204);
      expect((await h.request('GET', `/api/projects/${project.id}`, { token: ada.accessToken })).status).toBe(404);
      expect((await h.request('GET', `/api/documents/${file.documentId}/content`, { token: ada.accessToken })).status).toBe(404);
      expect(await h.store.list(file.documentId!)).toEqual([]);
      await waitFor(() => h.events.some((e) => e.type === 'project-deleted' && e.projectId === project.id), { what: 'project-deleted' });
      await waitFor(() => h.events.some((e) => e.type === 'document-deleted' && e.documentId === file.documentId), { what: 'file deleted' });
    });

    it('creates files and folders (parents too), keeps paths unique, and versions every change', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const file = await h.addFile(ada, project.id, 'src/util/a.ts', 'export const a = 1;\n');
      expect(file).toMatchObject({ path: 'src/util/a.ts', kind: 'file', language: 'typescript' });
      await h.addFile(ada, project.id, 'docs', undefined, 'folder');
      const files = await filesOf(h, ada, project.id);
      expect(pathsOf(files)).toEqual(['D docs', 'D src', 'D src/util', 'F src/util/a.ts']);
      expect(files.treeVersion).toBe(2);
      expect(await textOf(h, ada, file.documentId!)).toBe('export const a = 1;\n');
      const again = await h.request('POST', `/api/projects/${project.id}/files`, { token: ada.accessToken, json: { path: 'src/util/a.ts' } });
      expect([again.status, again.body.error.code]).toEqual([409, 'path_exists']);
      const under = await h.request('POST', `/api/projects/${project.id}/files`, { token: ada.accessToken, json: { path: 'src/util/a.ts/b' } });
      expect([under.status, under.body.error.code]).toEqual([409, 'parent_is_file']);
      await waitFor(
        () => h.events.some((e) => e.type === 'project-tree-changed' && e.projectId === project.id && e.treeVersion === 2),
        { what: 'tree-changed event with version 2' },
      );
      // Project files stay out of the standalone list.
      const docs = await h.request<{ documents: DocumentDto[] }>('GET', '/api/documents', { token: ada.accessToken });
      expect(docs.body.documents.map((d) => d.id)).not.toContain(file.documentId);
    });

    it.each([
      ['', 'empty'],
      ['/etc/passwd', 'leading_slash'],
      ['a\u0000b', 'nul'],
      ['a//b', 'empty_segment'],
      ['../escape.ts', 'dot_segment'],
      ['a/./b', 'dot_segment'],
      [`${'x'.repeat(1025)}`, 'too_long'],
    ])('refuses the path %j with a 400 naming the rule %s', async (path, rule) => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const response = await h.request('POST', `/api/projects/${project.id}/files`, { token: ada.accessToken, json: { path } });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_path');
      expect(response.body.error.details).toMatchObject({ rule });
      expect((await filesOf(h, ada, project.id)).entries).toEqual([]);
    });

    it('moves a folder with everything under it; documents keep their ids and texts', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const a = await h.addFile(ada, project.id, 'src/a.ts', 'A');
      const b = await h.addFile(ada, project.id, 'src/deep/b.ts', 'B');
      await h.addFile(ada, project.id, 'srcx.ts', 'not under src');
      const moved = await h.request<{ entries: ProjectEntryDto[] }>('PATCH', `/api/projects/${project.id}/files`, {
        token: ada.accessToken,
        json: { from: 'src', to: 'lib/src2' },
      });
      expect(moved.status, moved.text).toBe(200);
      const files = await filesOf(h, ada, project.id);
      expect(pathsOf(files)).toEqual(['D lib', 'D lib/src2', 'F lib/src2/a.ts', 'D lib/src2/deep', 'F lib/src2/deep/b.ts', 'F srcx.ts']);
      const byPath = new Map(files.entries.map((e) => [e.path, e.documentId]));
      expect(byPath.get('lib/src2/a.ts')).toBe(a.documentId);
      expect(byPath.get('lib/src2/deep/b.ts')).toBe(b.documentId);
      expect(await textOf(h, ada, b.documentId!)).toBe('B');
      // A file renamed on its own.
      const renamed = await h.request('PATCH', `/api/projects/${project.id}/files`, { token: ada.accessToken, json: { from: 'srcx.ts', to: 'lib/x.ts' } });
      expect(renamed.status).toBe(200);
      const cases: [unknown, number, string][] = [
        [{ from: 'lib', to: 'lib/inner' }, 400, 'move_into_itself'],
        [{ from: 'nope', to: 'other' }, 404, 'entry_not_found'],
        [{ from: 'lib/x.ts', to: 'lib/src2/a.ts' }, 409, 'path_exists'],
        [{ from: 'lib/x.ts', to: '../x.ts' }, 400, 'invalid_path'],
      ];
      for (const [json, status, code] of cases) {
        const response = await h.request('PATCH', `/api/projects/${project.id}/files`, { token: ada.accessToken, json });
        expect([response.status, response.body.error.code], JSON.stringify(json)).toEqual([status, code]);
      }
    });

    it('deletes a folder with every file under it; their sockets are told the documents are gone', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const a = await h.addFile(ada, project.id, 'src/a.ts', 'A');
      const b = await h.addFile(ada, project.id, 'src/b/c.ts', 'C');
      const keep = await h.addFile(ada, project.id, 'keep.ts', 'K');
      const response = await h.request('DELETE', `/api/projects/${project.id}/files?path=src`, { token: ada.accessToken });
      expect(response.status, response.text).toBe(204);
      expect(pathsOf(await filesOf(h, ada, project.id))).toEqual(['F keep.ts']);
      for (const gone of [a, b]) {
        expect((await h.request('GET', `/api/documents/${gone.documentId}`, { token: ada.accessToken })).status).toBe(404);
        await waitFor(() => h.events.some((e) => e.type === 'document-deleted' && e.documentId === gone.documentId), { what: 'document-deleted' });
      }
      expect(await textOf(h, ada, keep.documentId!)).toBe('K');
      const missing = await h.request('DELETE', `/api/projects/${project.id}/files?path=src`, { token: ada.accessToken });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'entry_not_found']);
      // Deleting a project file through the documents API leaves the tree consistent.
      expect((await h.request('DELETE', `/api/documents/${keep.documentId}`, { token: ada.accessToken })).status).toBe(204);
      expect((await filesOf(h, ada, project.id)).entries).toEqual([]);
    });

    it('gives project members their role on every file: the higher of project and document roles', async () => {
      const h = harness();
      const [ada, bob, cy] = [await h.signUp('Ada'), await h.signUp('Bob'), await h.signUp('Cy')];
      const project = await h.createProject(ada);
      const file = await h.addFile(ada, project.id, 'a.ts', 'hello');
      await h.shareProject(ada, project.id, bob, 'viewer');
      expect(await textOf(h, bob, file.documentId!)).toBe('hello');
      const doc = await h.request<{ document: DocumentDto }>('GET', `/api/documents/${file.documentId}`, { token: bob.accessToken });
      expect(doc.body.document.role).toBe('viewer');
      expect((await h.request('PATCH', `/api/documents/${file.documentId}`, { token: bob.accessToken, json: { title: 'x' } })).status).toBe(403);
      // A document role above the project role wins on that file only.
      await h.share(ada, file.documentId!, bob, 'editor');
      const raised = await h.request<{ document: DocumentDto }>('GET', `/api/documents/${file.documentId}`, { token: bob.accessToken });
      expect(raised.body.document.role).toBe('editor');
      const token = await h.request<SyncTokenDto>('POST', `/api/documents/${file.documentId}/sync-token`, { token: bob.accessToken });
      expect(token.body.role).toBe('editor');
      const claims = await h.runtime.tokens.verifyDocument(token.body.token);
      expect(claims.projectId).toBeUndefined();
      // Through the project only: the token names the project, so project-wide events revoke it.
      await h.shareProject(ada, project.id, cy, 'editor');
      const cyToken = await h.request<SyncTokenDto>('POST', `/api/documents/${file.documentId}/sync-token`, { token: cy.accessToken });
      expect((await h.runtime.tokens.verifyDocument(cyToken.body.token)).projectId).toBe(project.id);
      expect((await h.request('GET', `/api/documents/${file.documentId}/versions`, { token: cy.accessToken })).status).toBe(200);
    });

    it('shares a project by email, changes roles with PATCH, and removes members with one event', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const project = await h.createProject(ada);
      const file = await h.addFile(ada, project.id, 'a.ts', 'x');
      await h.shareProject(ada, project.id, bob, 'editor');
      const members = await h.request<{ members: { name: string; role: string }[] }>('GET', `/api/projects/${project.id}/members`, {
        token: bob.accessToken,
      });
      expect(members.body.members.map((m) => [m.name, m.role])).toEqual([['Ada', 'owner'], ['Bob', 'editor']]);
      const patched = await h.request<{ member: { role: string } }>('PATCH', `/api/projects/${project.id}/members/${bob.user.id}`, {
        token: ada.accessToken,
        json: { role: 'viewer' },
      });
      expect(patched.body.member.role).toBe('viewer');
      await waitFor(
        () => h.events.some((e) => e.type === 'project-member-role-changed' && e.projectId === project.id && e.role === 'viewer'),
        { what: 'project-member-role-changed' },
      );
      expect((await h.request('DELETE', `/api/projects/${project.id}/members/${bob.user.id}`, { token: ada.accessToken })).status).toBe(204);
      await waitFor(
        () => h.events.some((e) => e.type === 'project-member-removed' && e.projectId === project.id && e.userId === bob.user.id),
        { what: 'project-member-removed' },
      );
      expect((await h.request('GET', `/api/documents/${file.documentId}/content`, { token: bob.accessToken })).status).toBe(404);
      const owner = await h.request('DELETE', `/api/projects/${project.id}/members/${ada.user.id}`, { token: ada.accessToken });
      expect([owner.status, owner.body.error.code]).toEqual([409, 'owner_is_fixed']);
    });

    it('issues a project token for the project socket', async () => {
      const h = harness();
      const [ada, bob] = [await h.signUp('Ada'), await h.signUp('Bob')];
      const project = await h.createProject(ada);
      await h.shareProject(ada, project.id, bob, 'viewer');
      const response = await h.request<SyncTokenDto>('POST', `/api/projects/${project.id}/sync-token`, { token: bob.accessToken });
      expect(response.status).toBe(200);
      expect(response.body.role).toBe('viewer');
      expect(await h.runtime.tokens.verifyProject(response.body.token)).toMatchObject({ projectId: project.id, userId: bob.user.id, name: 'Bob' });
    });
  });
}
