import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DocumentBus } from '@codesync/bus';
import { MAX_CONTENT_BYTES } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { zipStream } from '../archive/write-zip.js';
import type { AppEnv } from '../context.js';
import { ApiError, badRequest } from '../errors.js';
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

/** `/api/projects/:id/archive`: the project as a zip, and a zip into the project. */
export function createProjectArchiveRoutes(deps: ProjectArchiveRoutesDeps) {
  const { projects, files, bus, store } = deps;
  const readLimits = {
    maxFileBytes: MAX_CONTENT_BYTES,
    maxTotalBytes: deps.projectLimits.maxBytes,
    maxEntries: deps.projectLimits.maxFiles * 2,
  };
  return new Hono<AppEnv>()
    .get('/:id/archive', async (c) => {
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
    })
    .post(
      '/:id/archive',
      bodyLimit({
        maxSize: deps.archiveMaxBytes,
        onError: () => {
          throw new ApiError(413, 'archive_too_large', `an archive may be at most ${deps.archiveMaxBytes} bytes`);
        },
      }),
      async (c) => {
        const { project } = await projects.access(c.req.param('id'), c.get('caller').userId, 'write');
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/(zip|x-zip-compressed|octet-stream)\b/.test(type)) {
          throw badRequest('unsupported_media_type', 'send the archive as application/zip');
        }
        const zip = new Uint8Array(await c.req.arrayBuffer());
        const result = await importArchive(project.id, zip, {
          files, bus, store, save: saveFirstSnapshot(store), origin: deps.origin, limits: readLimits,
        });
        c.get('logger').info({ projectId: project.id, entries: result.entries.length, skipped: result.skipped.length }, 'archive imported');
        return c.json(result, 201);
      },
    );
}
