import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@codesync/config';
import { testLogger, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editor } from '../test/editor.js';
import { apiClient } from '../test/http-client.js';
import { startEmbedded, type EmbeddedApp } from './index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** DESIGN's close code for a session that ended (embedded does not depend on @codesync/protocol). */
const UNAUTHORIZED = 4401;

// Issue 16, finding 6, end to end: account changes reach the sockets that sessions opened.
describe('account self-service and open sockets', () => {
  let dataDir: string;
  let app: EmbeddedApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-accounts-'));
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir }, { port: 0 });
    app = await startEmbedded({ config, logger: testLogger(), repoRoot, serveWeb: false, api: { passwordCost: { N: 1024, r: 8, p: 1 } } });
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("changing the password closes another session's socket; this session's stays open", async () => {
    const api = apiClient(`http://127.0.0.1:${app.port}`);
    const laptop = await api.signUp('ada@example.com', 'Ada');
    const phone = await api.call<{ accessToken: string }>('POST', '/api/auth/login', { email: 'ada@example.com', password: 'correct horse battery' });
    const id = (await api.call<{ document: { id: string } }>('POST', '/api/documents', { title: 't', language: 'go' }, laptop.token)).body.document.id;
    const tokenFor = async (access: string) =>
      (await api.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, access)).body.token;
    const onLaptop = editor(app.port, id, await tokenFor(laptop.token));
    const onPhone = editor(app.port, id, await tokenFor(phone.body.accessToken));
    await waitFor(() => onLaptop.provider.synced && onPhone.provider.synced, { what: 'both synced' });

    const change = await api.call('POST', '/api/auth/password', { currentPassword: 'correct horse battery', newPassword: 'a new password' }, laptop.token);
    expect(change.status).toBe(204);
    await waitFor(() => onPhone.closes.includes(UNAUTHORIZED), { what: "the phone's socket closed with 4401" });
    onLaptop.text.insert(0, 'still here');
    expect(onLaptop.closes).toEqual([]);
    for (const e of [onLaptop, onPhone]) e.destroy();
  });

  it('deleting the account closes its sockets and removes its documents', async () => {
    const api = apiClient(`http://127.0.0.1:${app.port}`);
    const bob = await api.signUp('bob@example.com', 'Bob');
    const id = (await api.call<{ document: { id: string } }>('POST', '/api/documents', { title: 'b', language: 'go', content: 'x' }, bob.token)).body.document.id;
    const sync = (await api.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, bob.token)).body.token;
    const open = editor(app.port, id, sync);
    await waitFor(() => open.provider.synced, { what: 'synced' });
    expect((await api.call('DELETE', '/api/users/me', { password: 'correct horse battery' }, bob.token)).status).toBe(204);
    await waitFor(() => open.closes.length > 0, { what: 'socket closed' });
    expect((await api.call('POST', '/api/auth/login', { email: 'bob@example.com', password: 'correct horse battery' })).status).toBe(401);
    open.destroy();
  });
});
