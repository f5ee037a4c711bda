import { describe, expect, it } from 'vitest';
import type { ApiHarness } from './api-harness.js';
import { createResponseChecker } from './documented-responses.js';

interface OpenApiBody {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
}

/** Hono's `/api/documents/:id` as the document writes it: `/api/documents/{id}`. */
const toOpenApiPath = (path: string) => path.replaceAll(/:(\w+)/g, '{$1}');

export function describeOpenApiContract(harness: () => ApiHarness): void {
  describe('OpenAPI document and reference', () => {
    it('describes every route the app answers, as OpenAPI 3.1', async () => {
      const response = await harness().request<OpenApiBody>('GET', '/api/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toBe('3.1.0');
      // Middleware is registered as ALL; every route proper must be in the document.
      const routes = harness().runtime.app.routes.filter((r) => r.method !== 'ALL');
      const missing = routes
        .map((r) => `${r.method} ${toOpenApiPath(r.path)}`)
        .filter((key) => {
          const [method = '', path = ''] = key.split(' ');
          return response.body.paths[path]?.[method.toLowerCase()] === undefined;
        });
      expect(missing).toEqual([]);
      expect(routes.length).toBeGreaterThan(15);
    });

    it('documents the error shape and the bearer scheme', async () => {
      const { body } = await harness().request<OpenApiBody>('GET', '/api/openapi.json');
      const getDocument = body.paths['/api/documents/{id}']?.get;
      expect(getDocument?.security).toEqual([{ bearer: [] }]);
      expect(getDocument?.responses['404']).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      });
      expect(body.paths['/api/auth/login']?.post?.security).toEqual([]);
    });

    it('fails a contract answer whose shape or status the document does not list', () => {
      const check = createResponseChecker(harness().runtime.app);
      const user = { id: '6f1c2a52-8f0e-4a43-9d7e-6a1f1c0c4b11', email: 'a@example.test', name: 'A', createdAt: new Date().toISOString() };
      const answer = { method: 'GET', path: '/api/users/me', contentType: 'application/json' };
      expect(() => check({ ...answer, status: 200, body: { user } })).not.toThrow();
      expect(() => check({ ...answer, status: 200, body: { user: { ...user, admin: true } } })).toThrow(/does not describe/);
      expect(() => check({ ...answer, status: 200, body: { user: { ...user, name: 7 } } })).toThrow(/does not describe/);
      expect(() => check({ ...answer, status: 409, body: { error: { code: 'x', message: 'y' } } })).toThrow(/does not list/);
    });

    it('serves a browsable reference whose scripts come from this origin', async () => {
      const page = await harness().request('GET', '/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const sources = [...page.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(sources).toEqual(['docs/swagger-ui.css', 'docs/swagger-ui-bundle.js', 'docs/init.js']);
      for (const source of sources) {
        const asset = await harness().request('GET', `/api/${source}`);
        expect(asset.status).toBe(200);
        expect(asset.text.length).toBeGreaterThan(10);
      }
      expect((await harness().request('GET', '/api/docs/..%2Fpackage.json')).status).toBe(404);
      expect((await harness().request('GET', '/api/docs/constructor')).status).toBe(404);
    });
  });
}
