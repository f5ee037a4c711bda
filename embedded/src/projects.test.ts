import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@codesync/config';
import { connectProjectClient, testLogger, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editor } from '../test/editor.js';
import { apiClient } from '../test/http-client.js';
import { startEmbedded, type EmbeddedApp } from './index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

// A pair works on a project through the one embedded process: API, outbox, sync, project socket.
describe('projects in the embedded process', () => {
  let dataDir: string;
  let app: EmbeddedApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-projects-'));
    app = await startEmbedded({ config: loadConfig({ PORT: '0', DATA_DIR: dataDir }, { port: 0 }), logger: testLogger(), repoRoot, serveWeb: false });
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('moves a folder under open editors, announces tree changes live, and revokes a removed member everywhere', async () => {
    const api = apiClient(`http://127.0.0.1:${app.port}`);
    const ada = await api.signUp('ada@example.com', 'Ada');
    const bob = await api.signUp('bob@example.com', 'Bob');
    const project = (await api.call<{ project: { id: string } }>('POST', '/api/projects', { name: 'pair' }, ada.token)).body.project;
    const p = `/api/projects/${project.id}`;
    expect((await api.call('POST', `${p}/members`, { email: 'bob@example.com', role: 'editor' }, ada.token)).status).toBe(201);
    const created = await api.call<{ entry: { documentId: string } }>('POST', `${p}/files`, { path: 'src/a.ts', content: 'let a = 1;' }, ada.token);
    const fileId = created.body.entry.documentId;

    const token = async (url: string, user: { token: string }) => (await api.call<{ token: string }>('POST', url, undefined, user.token)).body.token;
    const bobProject = connectProjectClient(`ws://127.0.0.1:${app.port}`, project.id, await token(`${p}/sync-token`, bob));
    const a = editor(app.port, fileId, await token(`/api/documents/${fileId}/sync-token`, ada));
    const b = editor(app.port, fileId, await token(`/api/documents/${fileId}/sync-token`, bob));
    await waitFor(() => a.provider.synced && b.provider.synced && bobProject.provider.synced, { what: 'all synced' });

    expect((await api.call('PATCH', `${p}/files`, { from: 'src', to: 'lib' }, ada.token)).status).toBe(200);
    await waitFor(() => bobProject.versions.length > 0, { what: 'tree notice' });
    const files = await api.call<{ treeVersion: number; entries: { path: string; documentId?: string }[] }>('GET', `${p}/files`, undefined, bob.token);
    expect(files.body.treeVersion).toBe(bobProject.versions.at(-1));
    expect(files.body.entries.find((e) => e.path === 'lib/a.ts')?.documentId).toBe(fileId);
    // The open editors never noticed the move: same document, same sockets.
    b.text.insert(0, '// moved\n');
    await waitFor(() => a.text.toString() === '// moved\nlet a = 1;', { what: 'edit after the move' });
    expect([a.closes, b.closes]).toEqual([[], []]);

    expect((await api.call('DELETE', `${p}/members/${bob.userId}`, undefined, ada.token)).status).toBe(204);
    await waitFor(() => b.closes.includes(4403) && bobProject.closes.includes(4403), { what: "bob's sockets closed" });
    expect(a.closes).toEqual([]);

    expect((await api.call('DELETE', `${p}/files?path=lib`, undefined, ada.token)).status).toBe(204);
    await waitFor(() => a.closes.includes(4404), { what: 'deleted file closes its socket' });
    for (const c of [a, b, bobProject]) c.destroy();
  });
});
