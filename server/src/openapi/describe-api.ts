import pino from 'pino';
import { createApp, defaultRateLimits, type AppDeps } from '../app.js';
import type { ApiRouter } from './define-route.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';

/** A dependency the routes capture but never call while the document is built. */
function absent<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      throw new Error(`describeApi: ${name}.${String(key)} is not available while describing the API`);
    },
  });
}

/** The app with every route mounted and no service behind them: a route that needs one throws. */
export function createAppWithoutServices(): ApiRouter {
  const deps: AppDeps = {
    logger: pino({ level: 'silent' }),
    users: absent('users'),
    sessions: absent('sessions'),
    accounts: absent('accounts'),
    invites: absent('invites'),
    throttle: absent('throttle'),
    sessionTtlSeconds: 1,
    documents: absent('documents'),
    members: absent('members'),
    projects: absent('projects'),
    projectFiles: absent('projectFiles'),
    projectMembers: absent('projectMembers'),
    projectLimits: { maxFiles: 1, maxBytes: 1, maxDocumentsPerUser: 1 },
    archiveMaxBytes: 1,
    tokens: absent('tokens'),
    bus: absent('bus'),
    store: absent('store'),
    limiter: absent('limiter'),
    rateLimits: defaultRateLimits,
    health: { probes: absent('health.probes'), isDraining: () => false },
    corsOrigins: [],
    trustProxy: { kind: 'none' },
    origin: 'describe-api',
  };
  return createApp(deps);
}

/**
 * The OpenAPI document of every route, without a database, Redis or store:
 * what `pnpm --filter @codesync/server openapi` prints and the web client is typed from.
 */
export function describeApi(): OpenApiDocument {
  return buildOpenApiDocument(createAppWithoutServices());
}
