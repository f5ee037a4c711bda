import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editor } from '../test/editor.js';
import { apiClient } from '../test/http-client.js';
import { startService, type Service } from '../test/processes.js';

// `pnpm start` killed with SIGKILL between keystrokes and compaction keeps every acknowledged edit.
describe('embedded process crash', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const services: Service[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-crash-'));
    const web = path.join(dataDir, 'web');
    await mkdir(web);
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>stub</title>');
    env = { DATA_DIR: path.join(dataDir, 'data'), WEB_DIST: web };
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged edit to kill -9 before the snapshot is written', async () => {
    const first = await startService('embedded', env, '/api/health');
    services.push(first);
    const api = apiClient(`http://127.0.0.1:${first.port}`);
    const ada = await api.signUp('ada@example.com', 'Ada');
    const id = (await api.call<{ document: { id: string } }>('POST', '/api/documents', { title: 't', language: 'plaintext' }, ada.token)).body.document.id;
    const token = (await api.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, ada.token)).body.token;
    const clients = [editor(first.port, id, token), editor(first.port, id, token)];
    await waitFor(() => clients.every((c) => c.provider.synced), { what: 'synced' });
    const [writer, observer] = clients as [(typeof clients)[0], (typeof clients)[0]];
    writer.text.insert(0, 'typed just before the crash');
    // The observer has it: the server acknowledged it (logged) before forwarding.
    await waitFor(() => observer.text.toString() === 'typed just before the crash', { what: 'forwarded' });
    for (const c of clients) c.destroy();
    await first.kill();

    const second = await startService('embedded', env, '/api/health');
    services.push(second);
    const again = apiClient(`http://127.0.0.1:${second.port}`);
    const login = await again.call<{ accessToken: string }>('POST', '/api/auth/login', { email: 'ada@example.com', password: 'correct horse battery' });
    const content = await again.call('GET', `/api/documents/${id}/content`, undefined, login.body.accessToken);
    expect(content.text).toBe('typed just before the crash');
  }, 120_000); // two process starts and production-cost password hashes (N=2^17) on a busy machine
});
