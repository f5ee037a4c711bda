import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './context.js';
import { handleError } from './middleware/error-handler.js';

// Found by the fault suite's Postgres-down test (faults/src/postgres-down.integration.test.ts):
// with the database unreachable, every route that queries it answered 500
// internal_error and logged an "unhandled error", where the contract asks for a
// 503 (the client may retry; the load balancer and alarms see an outage, not a bug).
describe('a query that fails because the database is unreachable', () => {
  function appThrowing(error: Error) {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set('logger', pino({ level: 'silent' }));
      await next();
    });
    app.get('/x', () => {
      throw error;
    });
    app.onError(handleError);
    return app;
  }
  const failedQuery = (cause: Error) => new Error('Failed query: select 1', { cause });

  it('answers 503 service_unavailable with Retry-After, for refused, cut and timed-out connections', async () => {
    const causes = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ];
    for (const cause of causes) {
      const response = await appThrowing(failedQuery(cause)).request('/x');
      expect({ cause: cause.message, status: response.status }).toEqual({ cause: cause.message, status: 503 });
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('service_unavailable');
      expect(body.error.message).not.toMatch(/5432|ECONN|postgres/i);
    }
  });

  it('still answers 500 for a failure that is a bug', async () => {
    const response = await appThrowing(new Error('undefined is not a function')).request('/x');
    expect(response.status).toBe(500);
  });
});
