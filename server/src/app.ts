import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import { MAX_CONTENT_BYTES } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import type { Logger } from 'pino';
import { payloadTooLarge } from './errors.js';
import { authenticate } from './middleware/authenticate.js';
import { handleError, handleNotFound } from './middleware/error-handler.js';
import { clientAddress, rateLimit } from './middleware/rate-limit.js';
import { requestLogger } from './middleware/request-logger.js';
import { createApiRouter, type ApiRouter } from './openapi/define-route.js';
import { buildOpenApiDocument, registerBearerScheme, type OpenApiDocument } from './openapi/openapi-document.js';
import { createApiDocsRoutes } from './routes/api-docs.js';
import { createAuthRoutes } from './routes/auth.js';
import { createDocumentRoutes } from './routes/documents.js';
import { createHealthRoutes, type HealthDeps } from './routes/health.js';
import { createMemberRoutes, createProjectMemberRoutes } from './routes/members.js';
import { createProjectArchiveRoutes } from './routes/project-archive.js';
import { createProjectFileRoutes } from './routes/project-files.js';
import { createProjectRoutes } from './routes/projects.js';
import { createUserRoutes } from './routes/users.js';
import { createVersionRoutes } from './routes/versions.js';
import { createAttributionRoutes } from './routes/attribution.js';
import type { DocumentService } from './services/documents.js';
import type { MemberService } from './services/members.js';
import type { ProjectFileService, ProjectLimits } from './services/project-files.js';
import type { ProjectService } from './services/projects.js';
import type { RateLimiter, RateLimitRule } from './services/rate-limiter.js';
import type { SessionService } from './services/sessions.js';
import type { UserService } from './services/users.js';

export interface RateLimits {
  /** register, login, refresh: per client address. */
  auth: RateLimitRule;
  /** POST, PATCH, DELETE under /api/documents: per user. */
  write: RateLimitRule;
}

export const defaultRateLimits: RateLimits = {
  auth: { bucket: 'auth', limit: 20, windowMs: 60_000 },
  write: { bucket: 'write', limit: 600, windowMs: 60_000 },
};

/** Room for a document of MAX_CONTENT_BYTES with JSON escaping; larger bodies get 413 unread. */
export const DEFAULT_BODY_LIMIT_BYTES = MAX_CONTENT_BYTES + 512 * 1024;

export interface AppDeps {
  logger: Logger;
  users: UserService;
  sessions: SessionService;
  documents: DocumentService;
  members: MemberService;
  projects: ProjectService;
  projectFiles: ProjectFileService;
  projectMembers: MemberService;
  projectLimits: ProjectLimits;
  /** Largest zip a project import accepts (compressed). */
  archiveMaxBytes: number;
  tokens: TokenService;
  bus: DocumentBus;
  store: SnapshotStore;
  limiter: RateLimiter;
  rateLimits: RateLimits;
  health: HealthDeps;
  corsOrigins: string[];
  trustProxy: boolean;
  /** Origin tag for updates this instance appends (restores). */
  origin: string;
  bodyLimitBytes?: number;
}

const ARCHIVE_PATH = /^\/api\/projects\/[^/]+\/archive\/?$/;
const isArchiveImport = (method: string, path: string) => method === 'POST' && ARCHIVE_PATH.test(path);

/** The REST API: every route under /api, one error handler, one not-found, and its OpenAPI document. */
export function createApp(deps: AppDeps): ApiRouter {
  const app = createApiRouter();
  app.use(requestId());
  app.use(requestLogger(deps.logger));
  app.use(secureHeaders());
  if (deps.corsOrigins.length > 0) {
    app.use('/api/*', cors({ origin: deps.corsOrigins, maxAge: 600, exposeHeaders: ['Retry-After', 'X-Request-Id'] }));
  }
  const defaultBodyLimit = bodyLimit({
    maxSize: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    onError: () => {
      throw payloadTooLarge('request body is too large');
    },
  });
  // A project import is a zip with a limit of its own (its route applies it).
  app.use('/api/*', (c, next) => (isArchiveImport(c.req.method, c.req.path) ? next() : defaultBodyLimit(c, next)));

  const authRateLimit = rateLimit({
    limiter: deps.limiter,
    rule: deps.rateLimits.auth,
    subject: (c) => clientAddress(c, deps.trustProxy),
  });
  const writeRateLimit = rateLimit({
    limiter: deps.limiter,
    rule: deps.rateLimits.write,
    subject: (c) => c.get('caller').userId,
    applies: (c) => c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS',
  });
  for (const resource of ['/api/documents/*', '/api/projects/*']) {
    app.use(resource, authenticate(deps.sessions));
    app.use(resource, writeRateLimit);
  }

  app.route('/api/health', createHealthRoutes(deps.health));
  app.route('/api/auth', createAuthRoutes({ users: deps.users, sessions: deps.sessions, authRateLimit }));
  app.route('/api/users', createUserRoutes(deps));
  app.route('/api/documents', createDocumentRoutes(deps));
  app.route('/api/documents', createMemberRoutes(deps));
  app.route('/api/documents', createVersionRoutes(deps));
  app.route('/api/documents', createAttributionRoutes(deps));
  app.route('/api/projects', createProjectRoutes(deps));
  app.route('/api/projects', createProjectFileRoutes({ ...deps, files: deps.projectFiles }));
  app.route('/api/projects', createProjectArchiveRoutes({ ...deps, files: deps.projectFiles }));
  app.route('/api/projects', createProjectMemberRoutes({ projects: deps.projects, members: deps.projectMembers }));
  registerBearerScheme(app);
  let document: OpenApiDocument | undefined;
  app.route('/api', createApiDocsRoutes(() => (document ??= buildOpenApiDocument(app))));

  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
