import { createMemorySnapshotStore } from '@codesync/storage';
import {
  createTestDatabase,
  deleteRedisPrefix,
  describeWithPostgresAndRedis,
  testRedisPrefix,
  testServices,
  type TestDatabase,
} from '@codesync/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient, type Account, type ApiClient } from '../test/api-client.js';
import { captureLogs } from '../test/capture-logger.js';
import { recordFigure } from '../test/figures.js';
import { anyBody, headerLines, invalidBody, method, trickyPath } from '../test/http-arbitraries.js';
import { startNode, type InProcessNode } from '../test/node.js';
import { rawRequest, type RawResponse } from '../test/raw-http.js';
import { scale } from '../test/scale.js';

const SECRET_CONTENT = 'victim-secret-content-7f3a';
const generous = (bucket: string) => ({ bucket: `${bucket}-fuzz`, limit: 1_000_000, windowMs: 60_000 });
const GENEROUS = { register: generous('register'), login: generous('login'), refresh: generous('refresh'), write: generous('write') };

// Malformed HTTP against the real API (Postgres, Redis): bad JSON, wrong
// types, path tricks, odd and oversized headers and bodies. No 500, no crash,
// no stack trace to the client, no change to anyone's data, nothing leaked.
describeWithPostgresAndRedis('fuzzing the HTTP API', () => {
  const prefix = testRedisPrefix();
  const logs = captureLogs('info');
  let database: TestDatabase;
  let node: InProcessNode;
  let api: ApiClient;
  let victim: Account;
  let attacker: Account;
  let documentId: string;
  let cases = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    node = await startNode({
      databaseUrl: database.url,
      redis: { url: testServices.redisUrl!, prefix },
      store: createMemorySnapshotStore(),
      logger: logs.logger,
      rateLimits: GENEROUS,
    });
    api = apiClient(node.url);
    [victim, attacker] = [await api.signUp('Victim'), await api.signUp('Attacker')];
    documentId = await api.createDocument(victim, SECRET_CONTENT);
    const friend = await api.signUp('Friend');
    await api.share(victim, documentId, friend, 'editor');
  });

  afterAll(async () => {
    await node?.close();
    await database?.drop();
    await deleteRedisPrefix(prefix);
    recordFigure('http-fuzz', { cases });
  });

  /** Everything the victim can see: compared before and after each property. */
  async function victimState(): Promise<unknown> {
    const paths = ['/api/users/me', '/api/documents', `/api/documents/${documentId}`, `/api/documents/${documentId}/members`, `/api/documents/${documentId}/content`, `/api/documents/${documentId}/versions`];
    return Promise.all(paths.map(async (path) => (await api.call('GET', path, { token: victim.accessToken })).text));
  }

  function expectHandled(response: { status: number; text: string; json: boolean }, what: string): void {
    expect(response.status, what).toBeLessThan(500);
    expect(response.text, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(response.text, what).not.toContain(SECRET_CONTENT);
    // Requests node's HTTP parser or the Hono adapter refuse before the app (431, an
    // unparseable URL) get a bare status with an empty body: nothing to leak, nothing to parse.
    const empty = /^(0\r\n\r\n)?$/.test(response.text);
    if (response.status >= 400 && !empty) {
      expect(response.json, what).toBe(true);
      expect(JSON.parse(response.text), what).toMatchObject({ error: { code: expect.stringMatching(/^[a-z_]+$/) } });
    }
  }

  async function send(verb: string, path: string, body: string, token: string): Promise<void> {
    cases += 1;
    const response = await fetch(`${node.url}${path}`, {
      method: verb,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await response.text();
    expectHandled({ status: response.status, text, json: response.headers.get('content-type')?.includes('application/json') ?? false }, `${verb} ${path} ${body.slice(0, 60)}`);
  }

  it('answers every wrongly typed or non-JSON body with a 4xx and changes nothing', async () => {
    const before = await victimState();
    const routes = (id: string): Array<[string, string]> => [
      ['POST', '/api/auth/register'], ['POST', '/api/auth/login'], ['POST', '/api/auth/refresh'], ['POST', '/api/documents'],
      ['PATCH', `/api/documents/${id}`], ['POST', `/api/documents/${id}/members`], ['PATCH', `/api/documents/${id}/members/${attacker.userId}`],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(), invalidBody, async (pick, body) => {
        const all = routes(documentId);
        const [verb, path] = all[pick % all.length]!;
        await send(verb, path, body, victim.accessToken);
      }),
      { numRuns: scale.httpFuzzRuns },
    );
    expect(await victimState()).toEqual(before);
  }, scale.testTimeoutMs);

  it("never lets a stranger's arbitrary bodies reach another user's document", async () => {
    const before = await victimState();
    const paths = [`/api/documents/${documentId}`, `/api/documents/${documentId}/members`, `/api/documents/${documentId}/members/${victim.userId}`, `/api/documents/${documentId}/sync-token`, `/api/documents/${documentId}/content`];
    await fc.assert(
      fc.asyncProperty(method.filter((m) => !['HEAD', 'GET', 'TRACE'].includes(m)), fc.constantFrom(...paths), anyBody, async (verb, path, body) => {
        await send(verb, path, body, attacker.accessToken);
      }),
      { numRuns: scale.httpFuzzRuns },
    );
    expect(await victimState()).toEqual(before);
  }, scale.testTimeoutMs);

  it('handles traversal, encoding and injection tricks in paths, and odd or oversized headers', async () => {
    const before = await victimState();
    await fc.assert(
      fc.asyncProperty(method, trickyPath([documentId, victim.userId]), headerLines, fc.boolean(), async (verb, path, lines, asVictim) => {
        cases += 1;
        const token = asVictim ? victim.accessToken : attacker.accessToken;
        const head = [`${verb} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${token}`, ...lines].join('\r\n');
        const response: RawResponse = await rawRequest(node.port, head);
        const text = response.body;
        const json = response.headers.get('content-type')?.includes('application/json') ?? false;
        if (!asVictim) expect(text).not.toContain(SECRET_CONTENT);
        expectHandled({ status: response.status, text: asVictim ? '' : text, json }, `${verb} ${path.slice(0, 80)}`);
      }),
      { numRuns: scale.httpFuzzRuns },
    );
    expect(await victimState()).toEqual(before);
  }, scale.testTimeoutMs);

  it('refuses oversized bodies with 413 without reading them, whatever the route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/auth/register', '/api/documents', `/api/documents/${documentId}`), fc.integer({ min: 3, max: 6 }), async (path, megabytes) => {
        cases += 1;
        const body = `{"title":"${'t'.repeat(megabytes * 1024 * 1024)}"}`;
        const head = [`${path === '/api/documents' || path.endsWith('register') ? 'POST' : 'PATCH'} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${victim.accessToken}`, 'Content-Type: application/json', `Content-Length: ${body.length}`].join('\r\n');
        const response = await rawRequest(node.port, head, body);
        expect(response.status).toBe(413);
      }),
      { numRuns: 6 },
    );
  }, scale.testTimeoutMs);

  it('stays healthy and logged no unhandled error', async () => {
    expect((await api.call('GET', '/api/health')).status).toBe(200);
    const unhandled = logs.lines.filter((line) => line.includes('unhandled error'));
    const ids = unhandled.map((line) => (JSON.parse(line) as { reqId: string }).reqId);
    expect(logs.lines.filter((line) => ids.some((id) => line.includes(id)))).toEqual([]);
  }, scale.testTimeoutMs);
});
