import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestDatabase,
  deleteRedisPrefix,
  describeWithPostgresAndRedis,
  testRedisPrefix,
  testServices,
  waitFor,
  type TestDatabase,
} from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient } from '../test/api-client.js';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { scale } from '../test/scale.js';
import { FAULTS_JWT_SECRET } from '../test/node.js';
import { startApp, type AppProcess } from '../test/processes.js';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';

// Postgres goes away under a running API (its connections go through a proxy
// the test stops; the shared server is untouched): the API answers 503 JSON
// without a stack, open rooms keep syncing on their self-contained tokens, and
// everything recovers by itself when the database is back.
describeWithPostgresAndRedis('Postgres down', () => {
  const prefix = testRedisPrefix();
  let database: TestDatabase;
  let proxy: TcpProxy;
  let dataDir: string;
  const processes: AppProcess[] = [];
  const editors: Editor[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await startTcpProxy([{ host: direct.hostname, port: Number(direct.port || 5432) }]);
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    dataDir = await mkdtemp(path.join(tmpdir(), 'cs-faults-pg-'));
    const env = { DATABASE_URL: proxied.toString(), REDIS_URL: testServices.redisUrl!, REDIS_KEY_PREFIX: prefix, JWT_SECRET: FAULTS_JWT_SECRET, DATA_DIR: dataDir };
    processes.push(...(await Promise.all([startApp('server', env), startApp('sync', env)])));
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await Promise.all(processes.map((p) => p.kill()));
    await proxy?.stop();
    await database?.drop();
    await deleteRedisPrefix(prefix);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 JSON while the database is gone, keeps rooms syncing, and recovers by itself', async () => {
    const [apiProcess, syncProcess] = processes as [AppProcess, AppProcess];
    const api = apiClient(`http://127.0.0.1:${apiProcess.port}`);
    const owner = await api.signUp('Owner');
    const documentId = await api.createDocument(owner, 'survives the database\n');
    const spareToken = await api.syncToken(owner, documentId);
    const wsUrl = `ws://127.0.0.1:${syncProcess.port}`;
    editors.push(connectEditor(wsUrl, documentId, await api.syncToken(owner, documentId)), connectEditor(wsUrl, documentId, await api.syncToken(owner, documentId)));
    await waitSynced(editors);

    await proxy.stop();
    const downAt = performance.now();
    const calls = {
      health: () => api.call<{ checks: Record<string, string> }>('GET', '/api/health'),
      list: () => api.call('GET', '/api/documents', { token: owner.accessToken }),
      login: () => api.call('POST', '/api/auth/login', { json: { email: owner.email, password: owner.password } }),
      create: () => api.call('POST', '/api/documents', { token: owner.accessToken, json: { title: 'new.ts', language: 'typescript' } }),
      syncToken: () => api.call('POST', `/api/documents/${documentId}/sync-token`, { token: owner.accessToken }),
    };
    for (const [what, call] of Object.entries(calls)) {
      const response = await waitFor(async () => {
        const r = await call();
        if (r.status !== 503) throw new Error(`${r.status} ${r.text.slice(0, 200)}`);
        return r;
      }, { timeoutMs: 15_000, what: `${what} → 503` });
      expect(response.headers.get('content-type'), what).toContain('application/json');
      expect(response.text, what).not.toMatch(/\n\s+at |ECONNREFUSED|5432|postgres/i);
    }
    expect((await calls.health()).body.checks.db).toMatch(/^error/);

    // Rooms need no database: open sockets and a token issued before the outage still work.
    const late = connectEditor(wsUrl, documentId, spareToken);
    editors.push(late);
    await waitSynced([late]);
    editors[0]!.text.insert(0, 'typed while the database is down\n');
    await waitConverged(editors);
    expect(late.text.toString()).toContain('typed while the database is down');

    await proxy.start();
    await waitFor(async () => (await calls.list()).status === 200 && (await calls.health()).status === 200, {
      timeoutMs: 20_000,
      what: 'the API to recover by itself',
    });
    const recoveredMs = performance.now() - downAt;
    expect((await calls.create()).status).toBe(201);
    expect(processes.every((p) => p.alive())).toBe(true);
    recordFigure('postgres-down', { downAndBackMs: Math.round(recoveredMs), routesChecked: Object.keys(calls).length });
  }, scale.testTimeoutMs);
});
