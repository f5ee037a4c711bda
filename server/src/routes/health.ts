import { healthSchema } from '@codesync/protocol';
import { createApiRouter, defineRoute, json } from '../openapi/define-route.js';

export type CheckResult = 'ok' | 'not_configured' | `error: ${string}`;

/** A dependency's probe: resolves if healthy, null if not configured, throws if down. */
export type HealthProbe = () => Promise<void | null>;

export interface HealthDeps {
  probes: { db: HealthProbe; redis: HealthProbe; storage: HealthProbe };
  /** True once the process is shutting down: the load balancer should stop sending traffic. */
  isDraining: () => boolean;
  timeoutMs?: number;
}

async function run(probe: HealthProbe, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return (await Promise.race([probe(), timeout])) === null ? 'not_configured' : 'ok';
  } catch (error) {
    // One short line, never a stack: health output is public.
    const reason = error instanceof Error ? error.message : String(error);
    return `error: ${reason.split('\n')[0]?.slice(0, 120) ?? 'unknown'}`;
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /api/health`: 200 when every configured dependency answers, else 503. */
export function createHealthRoutes({ probes, isDraining, timeoutMs = 2000 }: HealthDeps) {
  const app = createApiRouter();
  const spec = {
    method: 'get',
    path: '/',
    tags: ['platform'],
    auth: false,
    summary: 'Whether the API and what it depends on answer (for load balancers)',
    responses: {
      200: json(healthSchema, 'every configured dependency answers'),
      503: json(healthSchema, 'a dependency is down, or the process is draining'),
    },
    errors: [],
  } as const;
  defineRoute(app, spec, async (c) => {
    const [db, redis, storage] = await Promise.all([
      run(probes.db, timeoutMs),
      run(probes.redis, timeoutMs),
      run(probes.storage, timeoutMs),
    ]);
    const checks = { db, redis, storage };
    const healthy = Object.values(checks).every((r) => r === 'ok' || r === 'not_configured');
    c.header('Cache-Control', 'no-store');
    if (isDraining()) return c.json({ status: 'draining', checks }, 503);
    if (!healthy) c.get('logger').warn({ checks }, 'health check failed');
    return c.json({ status: healthy ? 'ok' : 'unavailable', checks }, healthy ? 200 : 503);
  });
  return app;
}
