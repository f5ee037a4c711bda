import { createDatabase, type DatabaseHandle } from '@codesync/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from './test-support/api-harness.js';

// Found by the fault suite's security tests (faults/src/security.integration.test.ts):
// login, refresh and sync-token answers carry tokens but said nothing about caching,
// so a shared proxy or the browser's cache was free to keep them (RFC 6749 §5.1
// requires `Cache-Control: no-store` on token responses).
describe('responses that carry tokens', () => {
  let database: DatabaseHandle;
  let h: ApiHarness;
  beforeAll(async () => {
    database = await createDatabase({ dataDir: 'memory://' });
    h = await createApiHarness({ database });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await database?.close();
  });

  it('are marked no-store: login, refresh and sync-token', async () => {
    const ada = await h.signUp();
    const login = await h.request('POST', '/api/auth/login', { json: { email: ada.email, password: ada.password } });
    const refresh = await h.request('POST', '/api/auth/refresh', { json: { refreshToken: ada.refreshToken } });
    const doc = await h.createDocument(ada);
    const syncToken = await h.request('POST', `/api/documents/${doc.id}/sync-token`, { token: ada.accessToken });
    for (const [what, response] of Object.entries({ login, refresh, syncToken })) {
      expect({ what, status: response.status, cache: response.headers.get('cache-control') }).toEqual({ what, status: 200, cache: 'no-store' });
    }
  });
});
