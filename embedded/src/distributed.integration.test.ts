import { createTestDatabase, deleteRedisPrefix, describeWithPostgresAndRedis, testRedisPrefix, testServices, waitFor, type TestDatabase } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editor } from '../test/editor.js';
import { apiClient } from '../test/http-client.js';
import { startService, type Service } from '../test/processes.js';

// `pnpm start:api` + two `pnpm start:sync` on PostgreSQL and Redis, as separate processes.
describeWithPostgresAndRedis('distributed: one API and two sync processes', () => {
  const prefix = testRedisPrefix();
  let database: TestDatabase;
  let dataDir: string;
  const services: Service[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-dist-'));
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: testServices.redisUrl!,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: 'distributed-test-secret-distributed-test',
      DATA_DIR: dataDir, // file snapshots, shared by the three processes like a bucket
    };
    services.push(
      ...(await Promise.all([
        startService('server', env, '/api/health'),
        startService('sync', env, '/socket/health'),
        startService('sync', env, '/socket/health'),
      ])),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await database?.drop();
    await deleteRedisPrefix(prefix);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('co-edits across sync instances, restores live, and drains cleanly on SIGTERM', async () => {
    const [apiProcess, syncA, syncB] = services as [Service, Service, Service];
    const api = apiClient(`http://127.0.0.1:${apiProcess.port}`);
    const ada = await api.signUp('ada@example.com', 'Ada');
    const bob = await api.signUp('bob@example.com', 'Bob');
    const created = await api.call<{ document: { id: string } }>('POST', '/api/documents', { title: 'a.ts', language: 'typescript', content: 'let x = 1;' }, ada.token);
    const id = created.body.document.id;
    await api.call('POST', `/api/documents/${id}/members`, { email: 'bob@example.com', role: 'editor' }, ada.token);
    const syncToken = async (token: string) =>
      (await api.call<{ token: string }>('POST', `/api/documents/${id}/sync-token`, undefined, token)).body.token;

    const a = editor(syncA.port, id, await syncToken(ada.token));
    const b = editor(syncB.port, id, await syncToken(bob.token));
    await waitFor(() => a.provider.synced && b.provider.synced, { what: 'synced on both instances' });
    a.text.insert(10, '\nlet y = 2;');
    await waitFor(() => b.text.toString() === 'let x = 1;\nlet y = 2;', { what: 'A → B across instances' });
    b.text.insert(0, '// shared\n');
    await waitFor(() => a.text.toString() === '// shared\nlet x = 1;\nlet y = 2;', { what: 'B → A across instances' });
    await waitFor(async () => (await api.call('GET', `/api/documents/${id}/content`, undefined, ada.token)).text === a.text.toString(), {
      what: 'content route sees the unflushed log',
    });

    const versions = await api.call<{ versions: { id: string }[] }>('GET', `/api/documents/${id}/versions`, undefined, ada.token);
    await api.call('POST', `/api/documents/${id}/versions/${versions.body.versions.at(-1)!.id}/restore`, undefined, ada.token);
    await waitFor(() => a.text.toString() === 'let x = 1;' && b.text.toString() === 'let x = 1;', { what: 'restore on both instances' });

    // Removing Bob closes his socket on the other instance, live.
    const closes: number[] = [];
    b.provider.on('connection-close', (event: { code: number } | null) => event && closes.push(event.code));
    await api.call('DELETE', `/api/documents/${id}/members/${bob.userId}`, undefined, ada.token);
    await waitFor(() => closes.includes(4403), { what: 'Bob closed with 4403' });
    b.destroy();

    // SIGTERM on A: it flushes a snapshot and exits 0; the text is in storage.
    a.text.insert(0, '// last words\n');
    await waitFor(async () => (await api.call('GET', `/api/documents/${id}/content`, undefined, ada.token)).text.startsWith('// last words'), {
      what: 'last edit stored',
    });
    a.destroy();
    expect(await syncA.stop()).toBe(0);
    const after = await api.call<{ versions: { id: string }[] }>('GET', `/api/documents/${id}/versions`, undefined, ada.token);
    expect(after.body.versions.length).toBeGreaterThan(versions.body.versions.length);
  });
});
