import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '@codesync/bus';
import { loadConfig } from '@codesync/config';
import { createDatabase, type DatabaseHandle } from '@codesync/db';
import { createLogger } from '@codesync/process';
import { createMemorySnapshotStore } from '@codesync/storage';
import { createApiRuntime, type ApiRuntime } from './runtime.js';
import { TEST_JWT_SECRET } from './test-support/api-harness.js';

describe('request logs', () => {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  let database: DatabaseHandle;
  let runtime: ApiRuntime;
  const store = createMemorySnapshotStore();

  beforeAll(async () => {
    database = await createDatabase({ dataDir: 'memory://' });
    const destination = {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    };
    const logger = createLogger({ service: 'api', level: 'debug', destination });
    runtime = await createApiRuntime({
      config: loadConfig({ JWT_SECRET: TEST_JWT_SECRET }, { port: 0 }),
      logger,
      bus: createMemoryBus(),
      // Reading content fails in a way no route expects: the 500 path.
      store: { ...store, latest: () => Promise.reject(new Error('bucket exploded')) },
      database,
      passwordCost: { N: 1024, r: 8, p: 1 },
    });
  }, 90_000);
  afterAll(async () => {
    await runtime.close();
    await database.close();
  });

  const post = (path: string, body: unknown, token?: string) =>
    runtime.app.request(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it('writes JSON lines that all carry the request id, name the user, and never a secret', async () => {
    const password = 'sup3r-secret-pw';
    await post('/api/auth/register', { email: 'log@example.test', password, name: 'Log' });
    const login = (await (await post('/api/auth/login', { email: 'log@example.test', password })).json()) as {
      accessToken: string;
      refreshToken: string;
    };
    const created = await post('/api/documents', { title: 'x', language: 'go' }, login.accessToken);
    const { document } = (await created.json()) as { document: { id: string } };

    const failed = await runtime.app.request(`/api/documents/${document.id}/content`, {
      headers: { authorization: `Bearer ${login.accessToken}`, 'x-request-id': 'req-500' },
    });
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal_error', message: 'something went wrong on our side' } });
    expect(body).not.toContain('bucket exploded');

    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line.reqId).toEqual(expect.any(String));
    const errorLines = lines.filter((l) => l.reqId === 'req-500');
    expect(errorLines.map((l) => l.msg)).toEqual(['unhandled error', 'request failed']);
    expect(errorLines.every((l) => typeof l.userId === 'string')).toBe(true);
    const everything = raw.join('');
    for (const secret of [password, login.accessToken, login.refreshToken, TEST_JWT_SECRET]) {
      expect(everything).not.toContain(secret);
    }
  });
});
