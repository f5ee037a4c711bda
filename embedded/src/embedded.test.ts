import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@codesync/config';
import { snapshotKey } from '@codesync/storage';
import { testLogger, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editor } from '../test/editor.js';
import { apiClient } from '../test/http-client.js';
import { startEmbedded, type EmbeddedApp } from './index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

// `pnpm start` as a newcomer runs it: PGlite, in-process bus, files on disk, one port.
describe('embedded all-in-one process', () => {
  let dataDir: string;
  let app: EmbeddedApp;
  const start = () =>
    startEmbedded({ config: loadConfig({ PORT: '0', DATA_DIR: dataDir }, { port: 0 }), logger: testLogger(), repoRoot, serveWeb: false });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-embedded-'));
    app = await start();
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('two users co-edit a shared document, restore a version live, and everything survives a restart', async () => {
    const api = apiClient(`http://127.0.0.1:${app.port}`);
    const ada = await api.signUp('ada@example.com', 'Ada');
    const bob = await api.signUp('bob@example.com', 'Bob');
    const created = await api.call<{ document: { id: string } }>('POST', '/api/documents', { title: 'main.rs', language: 'rust', content: 'fn main() {}' }, ada.token);
    expect(created.status).toBe(201);
    const id = created.body.document.id;
    expect((await api.call('POST', `/api/documents/${id}/members`, { email: 'bob@example.com', role: 'editor' }, ada.token)).status).toBe(201);

    const syncToken = async (token: string) =>
      (await api.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, token)).body.token;
    const a = editor(app.port, id, await syncToken(ada.token));
    const b = editor(app.port, id, await syncToken(bob.token));
    await waitFor(() => a.provider.synced && b.provider.synced, { what: 'both synced' });
    expect(b.text.toString()).toBe('fn main() {}');
    a.text.insert(11, ' println!("hi"); ');
    await waitFor(() => b.text.toString() === 'fn main() { println!("hi"); }', { what: 'Ada → Bob' });
    b.text.insert(0, '// pair\n');
    const edited = '// pair\nfn main() { println!("hi"); }';
    await waitFor(() => a.text.toString() === edited, { what: 'Bob → Ada' });
    await waitFor(async () => (await api.call('GET', `/api/documents/${id}/content`, undefined, bob.token)).text === edited, {
      what: 'content route',
    });

    // The first version is the initial content: restoring it reaches both live editors.
    const versions = await api.call<{ versions: { id: string }[] }>('GET', `/api/documents/${id}/versions`, undefined, ada.token);
    const first = versions.body.versions.at(-1)!;
    expect((await api.call('POST', `/api/documents/${id}/versions/${first.id}/restore`, undefined, bob.token)).status).toBe(200);
    await waitFor(() => a.text.toString() === 'fn main() {}' && b.text.toString() === 'fn main() {}', { what: 'restore live' });
    a.text.insert(0, '// after restore\n');
    await waitFor(() => b.text.toString().startsWith('// after restore'), { what: 'edit after restore' });
    a.destroy();
    b.destroy();

    await app.close();
    app = await start();
    const again = apiClient(`http://127.0.0.1:${app.port}`);
    const login = await again.call<{ accessToken: string }>('POST', '/api/auth/login', { email: 'bob@example.com', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const content = await again.call('GET', `/api/documents/${id}/content`, undefined, login.body.accessToken);
    expect(content.text).toBe('// after restore\nfn main() {}');
  });

  it('opens a document whose newest snapshot file was cut short at the version before, and keeps the bad file', async () => {
    // A truncated newest snapshot (a full disk, a crash during a copy) used to be the document's
    // base: every load threw, so the document never opened again.
    const api = apiClient(`http://127.0.0.1:${app.port}`);
    const ada = await api.signUp('cy@example.com', 'Cy');
    const created = await api.call<{ document: { id: string } }>('POST', '/api/documents', { title: 'a.ts', language: 'typescript', content: 'first' }, ada.token);
    const id = created.body.document.id;
    const token = (await api.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, ada.token)).body.token;
    const a = editor(app.port, id, token);
    await waitFor(() => a.provider.synced, { what: 'synced' });
    a.text.insert(5, ' and second');
    const listed = async () =>
      (await api.call<{ versions: { id: string }[] }>('GET', `/api/documents/${id}/versions`, undefined, ada.token)).body.versions;
    await waitFor(async () => (await listed()).length === 2, { what: 'the edit saved as a second version' });
    a.destroy();
    await app.close();

    const file = path.join(dataDir, 'snapshots', snapshotKey(id, (await newestVersionOnDisk(dataDir, id))!));
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, Math.floor(whole.byteLength / 2)));

    app = await start();
    const again = apiClient(`http://127.0.0.1:${app.port}`);
    const login = await again.call<{ accessToken: string }>('POST', '/api/auth/login', { email: 'cy@example.com', password: 'correct horse battery' });
    const bearer = login.body.accessToken;
    // The version before, plus whatever of the log the trim lag still keeps: the edit if its entry is
    // still there, else the text of the version before. Either way the document opens.
    const text = (await again.call('GET', `/api/documents/${id}/content`, undefined, bearer)).text;
    expect(['first', 'first and second']).toContain(text);
    const live = editor(app.port, id, (await again.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, bearer)).body.token);
    await waitFor(() => live.provider.synced, { what: 'a live editor opens the document' });
    expect(live.text.toString()).toBe(text);
    live.destroy();
    const versions = await again.call<{ versions: { id: string }[] }>('GET', `/api/documents/${id}/versions`, undefined, bearer);
    expect(versions.body.versions).toHaveLength(2);
    expect((await again.call('GET', `/api/documents/${id}/versions/${versions.body.versions[0]!.id}`, undefined, bearer)).status).toBe(422);
  });
});

/** The newest version id of a document in the file store, read from the disk as an operator would. */
async function newestVersionOnDisk(dataDir: string, documentId: string): Promise<string | undefined> {
  const names = await readdir(path.join(dataDir, 'snapshots', snapshotKey(documentId)));
  return names.map((n) => n.replace(/\.ydoc$/, '')).sort().at(-1);
}
