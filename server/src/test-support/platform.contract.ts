import { describe, expect, it } from 'vitest';
import { createMemorySnapshotStore, type SnapshotStore } from '@codesync/storage';
import { waitFor } from '@codesync/testing';
import type { ApiHarness, HarnessOptions } from './api-harness.js';

/** Opens another harness on the same database with some options changed. */
export type HarnessFactory = (options: Omit<HarnessOptions, 'database'>) => Promise<ApiHarness>;

export function describePlatformContract(harness: () => ApiHarness, another: HarnessFactory): void {
  describe('limits, health and headers', () => {
    it('rate-limits login and register per client with 429 and Retry-After', async () => {
      const tag = Date.now();
      const h = await another({
        rateLimits: {
          login: { bucket: `login-${tag}`, limit: 3, windowMs: 60_000 },
          register: { bucket: `register-${tag}`, limit: 1, windowMs: 60_000 },
        },
      });
      try {
        const statuses: number[] = [];
        let last;
        for (let i = 0; i < 5; i += 1) {
          last = await h.request('POST', '/api/auth/login', { json: { email: `a${i}@example.test`, password: 'whatever1' } });
          statuses.push(last.status);
        }
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
        expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(last!.body.error.code).toBe('rate_limited');
        const register = () => h.request('POST', '/api/auth/register', { json: { email: `r${Math.random()}@example.test`, password: 'long enough', name: 'R' } });
        expect((await register()).status).toBe(201);
        expect((await register()).status).toBe(429);
      } finally {
        await h.close();
      }
    });

    // Issue 16, finding 5: creating a document held a transaction (a pooled connection, on
    // PGlite the only one) open across the storage upload, so slow storage stalled every request.
    it('answers other requests while document creations wait on slow storage', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const real = createMemorySnapshotStore();
      let waiting = 0;
      const slow: SnapshotStore = {
        ...real,
        save: async (id, data) => {
          waiting += 1;
          await released;
          return real.save(id, data);
        },
      };
      const h = await another({ store: slow });
      try {
        const ada = await h.signUp();
        const creations = Array.from({ length: 12 }, (_, i) =>
          h.request('POST', '/api/documents', { token: ada.accessToken, json: { title: `slow ${i}`, language: 'go', content: 'x' } }),
        );
        await waitFor(() => waiting === creations.length, { what: 'every creation waiting on storage' });
        const list = await h.request<{ documents: unknown[] }>('GET', '/api/documents', { token: ada.accessToken });
        expect(list.status).toBe(200);
        release();
        expect((await Promise.all(creations)).map((r) => r.status)).toEqual(Array(12).fill(201));
      } finally {
        release();
        await h.close();
      }
    });

    it('rate-limits writes per user, not reads', async () => {
      const h = await another({ rateLimits: { write: { bucket: `write-${Date.now()}`, limit: 2, windowMs: 60_000 } } });
      try {
        const [ada, bob] = [await h.signUp(), await h.signUp()];
        await h.createDocument(ada);
        await h.createDocument(ada);
        const third = await h.request('POST', '/api/documents', { token: ada.accessToken, json: { title: 't', language: 'go' } });
        expect(third.status).toBe(429);
        expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await h.request('GET', '/api/documents', { token: ada.accessToken })).status).toBe(200);
        expect((await h.createDocument(bob)).role).toBe('owner');
      } finally {
        await h.close();
      }
    });

    it('reports healthy dependencies', async () => {
      const response = await harness().request<{ status: string; checks: Record<string, string> }>('GET', '/api/health');
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.checks).toMatchObject({ db: 'ok', storage: 'ok' });
      expect(['ok', 'not_configured']).toContain(response.body.checks.redis);
    });

    it('answers 503 with a short reason when storage is down, and while draining', async () => {
      const broken = harness().store;
      const h = await another({ store: { ...broken, check: () => Promise.reject(new Error('disk on fire\n    at somewhere.js:1')) } });
      try {
        const down = await h.request<{ status: string; checks: Record<string, string> }>('GET', '/api/health');
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ status: 'unavailable', checks: { db: 'ok', storage: 'error: disk on fire' } });
        h.runtime.startDraining();
        expect((await h.request('GET', '/api/health')).status).toBe(503);
      } finally {
        await h.close();
      }
    });

    it('sends secure headers and a request id, and echoes a given one', async () => {
      const h = harness();
      const response = await h.request('GET', '/api/health');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBeTruthy();
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const given = await h.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-abc-123' } });
      expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
    });

    it('allows cross-origin calls only from configured origins', async () => {
      const h = await another({ corsOrigins: ['https://app.example.test'] });
      try {
        const preflight = (origin: string) =>
          h.request('OPTIONS', '/api/documents', {
            headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
          });
        const allowed = await preflight('https://app.example.test');
        expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
        const other = await preflight('https://evil.example.test');
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
        expect((await harness().request('GET', '/api/health', { headers: { origin: 'https://app.example.test' } })).headers.get('access-control-allow-origin')).toBeNull();
      } finally {
        await h.close();
      }
    });

    it('answers unknown routes with the JSON error format', async () => {
      const response = await harness().request('GET', '/api/nothing-here');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: 'no route for GET /api/nothing-here' } });
    });
  });
}
