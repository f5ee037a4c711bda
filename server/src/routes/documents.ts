import { Hono } from 'hono';
import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import {
  createDocumentBodySchema,
  MAX_CONTENT_BYTES,
  patchDocumentBodySchema,
  type SyncTokenDto,
} from '@codesync/protocol';
import { stateOfText, type SnapshotStore } from '@codesync/storage';
import type { AppEnv } from '../context.js';
import { ApiError, payloadTooLarge, unauthorized } from '../errors.js';
import { readJson } from '../request-body.js';
import { currentText, discardDocuments } from '../services/document-state.js';
import { toDocumentDto, type DocumentService } from '../services/documents.js';
import type { UserService } from '../services/users.js';

export interface DocumentRoutesDeps {
  documents: DocumentService;
  users: UserService;
  tokens: TokenService;
  bus: DocumentBus;
  store: SnapshotStore;
  projectLimits: { maxDocumentsPerUser: number };
}

/** `/api/documents`: the documents themselves, their text, and tokens to edit them live. */
export function createDocumentRoutes({ documents, users, tokens, bus, store, projectLimits }: DocumentRoutesDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const list = await documents.listFor(c.get('caller').userId);
      return c.json({ documents: list.map(toDocumentDto) });
    })
    .post('/', async (c) => {
      const body = await readJson(c, createDocumentBodySchema);
      const content = body.content ?? '';
      if (Buffer.byteLength(content) > MAX_CONTENT_BYTES) throw payloadTooLarge('content is larger than 2 MiB');
      if ((await documents.countOwnedBy(c.get('caller').userId)) >= projectLimits.maxDocumentsPerUser) {
        throw new ApiError(413, 'document_limit', `an account may own at most ${projectLimits.maxDocumentsPerUser} documents`);
      }
      const access = await documents.create(c.get('caller').userId, body, async (id) => {
        if (content === '') return 0;
        return (await store.save(id, stateOfText(content))).sizeBytes;
      });
      c.get('logger').info({ docId: access.document.id }, 'document created');
      return c.json({ document: toDocumentDto(access) }, 201);
    })
    .get('/:id', async (c) => {
      const access = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ document: toDocumentDto(access) });
    })
    .patch('/:id', async (c) => {
      const { role } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, patchDocumentBodySchema);
      const document = await documents.update(c.req.param('id'), body);
      return c.json({ document: toDocumentDto({ document, role }) });
    })
    .delete('/:id', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'owner');
      // Announced (outbox, flushed) before the log and snapshots go, so sync instances drop the room first.
      await documents.remove(document.id);
      await discardDocuments(bus, store, [document.id]);
      c.get('logger').info({ docId: document.id }, 'document deleted');
      return c.body(null, 204);
    })
    .get('/:id/content', async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      const text = await currentText(bus, store, document.id);
      c.header('Cache-Control', 'no-store');
      return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    })
    .post('/:id/sync-token', async (c) => {
      const caller = c.get('caller');
      const { document, role, viaProject } = await documents.access(c.req.param('id'), caller.userId, 'read');
      const user = await users.findById(caller.userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      const signed = await tokens.signDocument({
        userId: user.id,
        name: user.name,
        documentId: document.id,
        role,
        sessionId: caller.sessionId,
        // A role held through the project is revoked by project-wide access events.
        ...(viaProject && document.projectId ? { projectId: document.projectId } : {}),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ token: signed.token, expiresAt: signed.expiresAt.toISOString(), role } satisfies SyncTokenDto);
    });
}
