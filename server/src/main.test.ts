import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@codesync/testing';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

interface RunningApi {
  child: ChildProcess;
  base: string;
  port: number;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** `pnpm start:api` as a newcomer runs it: embedded (no DATABASE_URL / REDIS_URL), on a free port. */
async function startApi(dataDir: string): Promise<RunningApi> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'S3_BUCKET']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const logs: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = await waitFor(() => logs.find((l) => l.msg === 'api listening'), { timeoutMs: 60_000, what: 'api listening' });
  const port = listening.port as number;
  return { child, base: `http://127.0.0.1:${port}/api`, port, logs, exited };
}

async function call(base: string, method: string, url: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the API process', () => {
  const directories: string[] = [];
  afterAll(() => Promise.all(directories.map((d) => rm(d, { recursive: true, force: true }))));

  it('finishes an in-flight request on SIGTERM, exits 0, and keeps its data across a restart', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'cs-api-main-')), 'data');
    directories.push(path.dirname(dataDir));
    const first = await startApi(dataDir);
    const credentials = { email: 'newcomer@example.test', password: 'correct horse battery' };
    expect((await call(first.base, 'POST', '/auth/register', { ...credentials, name: 'Newcomer' })).status).toBe(201);
    const login = (await call(first.base, 'POST', '/auth/login', credentials)).json();
    const created = await call(first.base, 'POST', '/documents', { title: 'a.ts', language: 'typescript', content: 'kept' }, login.accessToken);
    const documentId = created.json().document.id as string;

    // A request whose body is still arriving when SIGTERM comes must be answered, not cut. With
    // `Expect: 100-continue` the server confirms it has the headers before the signal is sent.
    const body = JSON.stringify({ title: 'in flight', language: 'go' });
    const inFlight = new Promise<number>((resolve, reject) => {
      const headers = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${login.accessToken}`,
        expect: '100-continue',
      };
      const request = http.request({ port: first.port, host: '127.0.0.1', method: 'POST', path: '/api/documents', headers });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.on('continue', () => {
        first.child.kill('SIGTERM');
        waitFor(() => first.logs.some((l) => l.msg === 'draining: finishing in-flight requests'), { timeoutMs: 30_000, what: 'draining' })
          .then(() => request.end(body), reject);
      });
      request.flushHeaders();
    });
    expect(await inFlight).toBe(201);
    expect(await first.exited).toBe(0);
    expect(first.logs.at(-1)?.msg).toBe('stopped');

    const second = await startApi(dataDir);
    try {
      // Same generated JWT secret and same PGlite data: the old session still works.
      const list = (await call(second.base, 'GET', '/documents', undefined, login.accessToken)).json();
      expect((list.documents as Array<{ title: string }>).map((d) => d.title).sort()).toEqual(['a.ts', 'in flight']);
      const content = await call(second.base, 'GET', `/documents/${documentId}/content`, undefined, login.accessToken);
      expect(content.text).toBe('kept');
      expect((await call(second.base, 'POST', '/auth/login', credentials)).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    // Two process starts (PGlite creates its data directory on the first): slow on a busy machine.
  }, 180_000);
});
