import { bodyLimit } from 'hono/body-limit';
import type { DocumentBus } from '@codesync/bus';
import { importResultSchema, MAX_CONTENT_BYTES } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { zipStream } from '../archive/write-zip.js';
import { ApiError } from '../errors.js';
import { createApiRouter, defineRoute, json, text } from '../openapi/define-route.js';
import { projectParams as params } from '../openapi/path-params.js';
import { currentText } from '../services/document-state.js';
import type { ProjectFileService, ProjectLimits } from '../services/project-files.js';
import { importArchive } from '../services/project-import.js';
import type { ProjectService } from '../services/projects.js';
import { saveFirstSnapshot } from './project-files.js';

export interface ProjectArchiveRoutesDeps {
  projects: ProjectService;
  files: ProjectFileService;
  bus: DocumentBus;
  store: SnapshotStore;
  origin: string;
  projectLimits: ProjectLimits;
  /** Largest zip body accepted (compressed). */
  archiveMaxBytes: number;
}

/** A name for the download: the project's name without characters a file system or header would choke on. */
function downloadName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'project'}.zip`;
}

const tags = ['project archives'];

/** `/api/projects/:id/archive`: the project as a zip, and a zip into the project. */
export function createProjectArchiveRoutes(deps: ProjectArchiveRoutesDeps) {
  const { projects, files, bus, store } = deps;
  const readLimits = {
    maxFileBytes: MAX_CONTENT_BYTES,
    maxTotalBytes: deps.projectLimits.maxBytes,
    maxEntries: deps.projectLimits.maxFiles * 2,
  };
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/archive', tags, auth: true, params,
      summary: "A zip of every file's current text (merged as …/content is), with the tree's paths",
      responses: { 200: text('the archive, streamed', 'application/zip') }, errors: [404],
    },
    async (c) => {
      const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'read');
      const { entries } = await files.list(project.id);
      const sources = entries.map((entry) => ({
        path: entry.path,
        kind: entry.kind,
        text: entry.documentId ? () => currentText(bus, store, entry.documentId ?? '') : undefined,
      }));
      c.get('logger').info({ projectId: project.id, entries: entries.length }, 'project exported');
      return c.body(zipStream(sources), 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${downloadName(project.name)}"`,
        'Cache-Control': 'no-store',
      });
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/archive', tags, auth: true, params, upload: 'application/zip',
      summary: "Import a zip (body `application/zip`): new paths are created, existing files get the archive's text as an edit",
      description:
        'Every path is validated and the whole archive expanded (real bytes counted, not the sizes it declares) before anything is stored: a bad archive changes nothing. 413 `archive_too_large` for a zip bomb.',
      responses: { 201: json(importResultSchema, 'what was created or changed, and files skipped as binary') },
      errors: [400, 403, 404, 409, 413, 415, 429],
    },
    bodyLimit({
      maxSize: deps.archiveMaxBytes,
      onError: () => {
        throw new ApiError(413, 'archive_too_large', `an archive may be at most ${deps.archiveMaxBytes} bytes`);
      },
    }),
    async (c) => {
      const { project } = await projects.access(c.req.param('id') ?? '', c.get('caller').userId, 'write');
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/(zip|x-zip-compressed|octet-stream)\b/.test(type)) {
        throw new ApiError(415, 'unsupported_media_type', 'send the archive as application/zip');
      }
      const zip = new Uint8Array(await c.req.arrayBuffer());
      const result = await importArchive(project.id, zip, {
        files, bus, store, save: saveFirstSnapshot(store), origin: deps.origin, limits: readLimits,
      });
      c.get('logger').info({ projectId: project.id, entries: result.entries.length, skipped: result.skipped.length }, 'archive imported');
      return c.json(result, 201);
    },
  );
  return app;
}
