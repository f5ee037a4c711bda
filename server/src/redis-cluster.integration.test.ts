import { createDatabase, type DatabaseHandle } from '@codesync/db';
import { startTestRedisCluster, testRedisPrefix, waitFor, type TestRedisCluster } from '@codesync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from './test-support/api-harness.js';

// Pointed at a Redis Cluster without REDIS_CLUSTER support, POST /api/documents
// answered 500 (one connection, MOVED not followed). With REDIS_CLUSTER=true:
// sessions, rate limits, the bus and its events on a real 3-primary cluster.
describe('API on a Redis Cluster (REDIS_CLUSTER=true)', () => {
  let cluster: TestRedisCluster | undefined;
  let database: DatabaseHandle | undefined;
  let h: ApiHarness | undefined;
  beforeAll(async () => {
    cluster = await startTestRedisCluster();
    database = await createDatabase({ dataDir: 'memory://' });
    h = await createApiHarness({ database, redis: { url: cluster.url, prefix: testRedisPrefix(), cluster: true } });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await database?.close();
    await cluster?.stop();
  });

  it('signs up, creates a document, issues a sync token, and logs out with the event on the bus', async () => {
    const ada = await h!.signUp();
    const doc = await h!.createDocument(ada, { title: 'on a cluster', content: 'hello' });
    expect((await h!.request('POST', `/api/documents/${doc.id}/sync-token`, { token: ada.accessToken })).status).toBe(200);
    expect((await h!.request('POST', '/api/auth/logout', { token: ada.accessToken })).status).toBe(204);
    const after = await h!.request('GET', '/api/users/me', { token: ada.accessToken });
    expect(after.status).toBe(401);
    await waitFor(() => h!.events.some((e) => e.type === 'session-revoked'), { what: 'session-revoked event' });
  });
});
