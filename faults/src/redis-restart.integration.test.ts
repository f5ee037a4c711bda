import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, describeWithPostgresAndRedis, waitFor, type TestDatabase } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient } from '../test/api-client.js';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import { scale } from '../test/scale.js';
import { FAULTS_JWT_SECRET } from '../test/node.js';
import { startPrivateRedis, type PrivateRedis } from '../test/private-redis.js';
import { startApp, type AppProcess } from '../test/processes.js';
import { missingMarks, startTyping } from '../test/typing.js';

interface Health {
  status: string;
  checks: Record<string, string>;
}

async function health(url: string): Promise<{ status: number; body: Health }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Health };
}

// Redis (a private one, on its own port) stops mid-session and comes back:
// the API and two sync processes stay up and say 503 while it is gone, clients
// keep typing offline and reconnect, every edit merges, compaction resumes.
describeWithPostgresAndRedis('Redis restart', () => {
  let redis: PrivateRedis;
  let database: TestDatabase;
  let dataDir: string;
  const processes: AppProcess[] = [];
  const editors: Editor[] = [];

  beforeAll(async () => {
    [redis, database, dataDir] = await Promise.all([startPrivateRedis(), createTestDatabase(), mkdtemp(path.join(tmpdir(), 'cs-faults-redis-data-'))]);
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, JWT_SECRET: FAULTS_JWT_SECRET, DATA_DIR: dataDir };
    processes.push(...(await Promise.all([startApp('server', env), startApp('sync', env), startApp('sync', env)])));
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await Promise.all(processes.map((p) => p.kill()));
    await redis?.destroy();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every process up, reports 503 while Redis is gone, then reconnects, merges every edit and compacts again', async () => {
    const [apiProcess, ...syncs] = processes as [AppProcess, AppProcess, AppProcess];
    const apiUrl = `http://127.0.0.1:${apiProcess.port}`;
    const api = apiClient(apiUrl);
    const owner = await api.signUp('Owner');
    const documentId = await api.createDocument(owner, 'before the outage\n');
    for (let i = 0; i < 4; i++) {
      editors.push(connectEditor(`ws://127.0.0.1:${syncs[i % 2]!.port}`, documentId, await api.syncToken(owner, documentId)));
    }
    await waitSynced(editors);
    const versions = async () => (await api.call<{ versions: unknown[] }>('GET', `/api/documents/${documentId}/versions`, { token: owner.accessToken })).body.versions.length;

    const typing = startTyping(editors, { name: 'r', intervalMs: 25 });
    await waitFor(() => typing.total() >= 40, { what: 'typing before the outage' });
    await redis.stop();
    const stoppedAt = performance.now();

    const apiDown = await waitFor(async () => {
      const h = await health(`${apiUrl}/api/health`);
      return h.status === 503 && h.body.checks.redis?.startsWith('error') ? h : undefined;
    }, { timeoutMs: 15_000, what: 'API health 503 naming Redis' });
    for (const sync of syncs) {
      const down = await waitFor(async () => {
        const h = await health(`http://127.0.0.1:${sync.port}/socket/health`);
        return h.status === 503 ? h : undefined;
      }, { timeoutMs: 15_000, what: 'sync health 503' });
      expect(down.body.checks.bus).toMatch(/^error/);
    }
    expect(apiDown.body.status).toBe('unavailable');
    const typedBeforeRestart = typing.total();
    await waitFor(() => typing.total() >= typedBeforeRestart + 40, { what: 'typing while Redis is down' });
    expect(processes.every((p) => p.alive())).toBe(true);

    await redis.start();
    const downMs = performance.now() - stoppedAt;
    await waitFor(async () => (await Promise.all([
      health(`${apiUrl}/api/health`),
      ...syncs.map((s) => health(`http://127.0.0.1:${s.port}/socket/health`)),
    ])).every((h) => h.status === 200), { timeoutMs: 20_000, what: 'every health 200 again' });
    const versionsAtRestart = await versions();
    await waitFor(() => typing.total() >= typedBeforeRestart + 80, { what: 'typing after the restart' });
    typing.stop();

    const text = await waitConverged(editors, 30_000);
    expect(missingMarks(typing.typed, text)).toEqual([]);
    expect(text).toContain('before the outage');
    await waitFor(async () => (await api.call('GET', `/api/documents/${documentId}/content`, { token: owner.accessToken })).text === text, {
      timeoutMs: 15_000,
      what: 'stored content equals the converged text',
    });
    await waitFor(async () => (await versions()) > versionsAtRestart, { timeoutMs: 30_000, what: 'a snapshot saved after the restart' });
    expect(processes.every((p) => p.alive())).toBe(true);
    for (const p of processes) expect(p.stderr()).not.toMatch(/uncaught|unhandled rejection/i);
    recordFigure('redis-restart', { editors: editors.length, marksTyped: typing.total(), redisDownMs: Math.round(downMs), reconnects: editors.reduce((n, e) => n + e.closes.length, 0) });
  }, scale.testTimeoutMs);
});
