import type { DocumentBus } from '@codesync/bus';
import { projectSearchQuerySchema, projectSearchResultSchema } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { rateLimit } from '../middleware/rate-limit.js';
import { createApiRouter, defineRoute, json } from '../openapi/define-route.js';
import { projectParams as params } from '../openapi/path-params.js';
import { readQuery } from '../request-body.js';
import { compileSearch } from '../search/search-pattern.js';
import { searchFiles } from '../search/search-project.js';
import { currentText } from '../services/document-state.js';
import type { ProjectFileService } from '../services/project-files.js';
import type { ProjectService } from '../services/projects.js';
import type { RateLimiter, RateLimitRule } from '../services/rate-limiter.js';

export interface ProjectSearchRoutesDeps {
  projects: ProjectService;
  files: ProjectFileService;
  bus: DocumentBus;
  store: SnapshotStore;
  limiter: RateLimiter;
  /** Searches per user: each one reads every file of the project. */
  rule: RateLimitRule;
}

/** `GET /api/projects/:id/search`: find in files, over every file's current text. Any member may search. */
export function createProjectSearchRoutes({ projects, files, bus, store, limiter, rule }: ProjectSearchRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/search', tags: ['project files'], auth: true, params, query: projectSearchQuerySchema,
      summary: "Find in files: every match of a text or an RE2 pattern in the files' current texts (merged as …/content is)",
      description:
        'Files are searched in path order until `maxResults` matches (`truncated: true` when more may exist). ' +
        '400 `invalid_query` for a bad query string, 400 `invalid_regex` for a pattern RE2 does not accept (backreferences, lookahead).',
      responses: { 200: json(projectSearchResultSchema, 'matches by file, with line previews') },
      errors: [400, 404, 429],
    },
    async (c, next) => {
      // Membership first (a stranger learns nothing, not even the rate limit), then the cost is counted.
      await projects.access(c.req.param('id') ?? '', c.get('caller').userId, 'read');
      await next();
    },
    rateLimit({ limiter, rule, subject: (c) => c.get('caller').userId }),
    async (c) => {
      const projectId = c.req.param('id') ?? '';
      const query = readQuery(c, projectSearchQuerySchema);
      const pattern = compileSearch({ query: query.q, regex: query.regex, caseSensitive: query.caseSensitive, wholeWord: query.wholeWord });
      const { entries } = await files.list(projectId);
      const searchable = entries.flatMap((e) => (e.documentId ? [{ path: e.path, documentId: e.documentId }] : []));
      const started = performance.now();
      const result = await searchFiles(searchable, (id) => currentText(bus, store, id), pattern, query.maxResults);
      c.get('logger').info(
        { projectId, files: result.searchedFiles, matches: result.matchCount, ms: Math.round(performance.now() - started) },
        'project searched',
      );
      c.header('Cache-Control', 'no-store');
      return c.json(result);
    },
  );
  return app;
}
