import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import {
  createDocumentBodySchema,
  documentSchema,
  MAX_CONTENT_BYTES,
  patchDocumentBodySchema,
  syncTokenSchema,
  type SyncTokenDto,
} from '@codesync/protocol';
import { stateOfText, type SnapshotStore } from '@codesync/storage';
import { z } from 'zod';
import { ApiError, payloadTooLarge, unauthorized } from '../errors.js';
import { createApiRouter, defineRoute, json, noContent, text } from '../openapi/define-route.js';
import { documentParams as params } from '../openapi/path-params.js';
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

const tags = ['documents'];
const one = z.strictObject({ document: documentSchema });

/** `/api/documents`: the documents themselves, their text, and tokens to edit them live. */
export function createDocumentRoutes({ documents, users, tokens, bus, store, projectLimits }: DocumentRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/', tags, auth: true, summary: 'Documents the caller owns or is a member of, with role',
      responses: { 200: json(z.strictObject({ documents: z.array(documentSchema) }), 'the list') },
      errors: [],
    },
    async (c) => {
      const list = await documents.listFor(c.get('caller').userId);
      return c.json({ documents: list.map(toDocumentDto) });
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/', tags, auth: true,
      summary: 'Create a document; initial content is stored as its first snapshot',
      body: createDocumentBodySchema,
      responses: { 201: json(one, 'the new document; the caller is its owner') },
      errors: [429],
    },
    async (c) => {
      const body = await readJson(c, createDocumentBodySchema);
      const content = body.content ?? '';
      if (Buffer.byteLength(content) > MAX_CONTENT_BYTES) throw payloadTooLarge('content is larger than 2 MiB');
      if ((await documents.countOwnedBy(c.get('caller').userId)) >= projectLimits.maxDocumentsPerUser) {
        throw new ApiError(413, 'document_limit', `an account may own at most ${projectLimits.maxDocumentsPerUser} documents`);
      }
      const access = await documents.create(c.get('caller').userId, body, {
        save: async (id) => (content === '' ? 0 : (await store.save(id, stateOfText(content))).sizeBytes),
        discard: (id) => store.deleteAll(id),
      });
      c.get('logger').info({ docId: access.document.id }, 'document created');
      return c.json({ document: toDocumentDto(access) }, 201);
    },
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/:id', tags, auth: true, params, summary: "Metadata and the caller's role",
      responses: { 200: json(one, 'the document') },
      errors: [404],
    },
    async (c) => {
      const access = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json({ document: toDocumentDto(access) });
    },
  );
  defineRoute(
    app,
    {
      method: 'patch', path: '/:id', tags, auth: true, params, summary: 'Rename or change the language (owner, editor)',
      body: patchDocumentBodySchema,
      responses: { 200: json(one, 'the document as changed') },
      errors: [403, 404, 429],
    },
    async (c) => {
      const { role } = await documents.access(c.req.param('id'), c.get('caller').userId, 'write');
      const body = await readJson(c, patchDocumentBodySchema);
      const document = await documents.update(c.req.param('id'), body);
      return c.json({ document: toDocumentDto({ document, role }) });
    },
  );
  defineRoute(
    app,
    {
      method: 'delete', path: '/:id', tags, auth: true, params,
      summary: 'Delete the document with its log and snapshots (owner)',
      responses: { 204: noContent('deleted') },
      errors: [403, 404, 429],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'owner');
      // Announced (outbox, flushed) before the log and snapshots go, so sync instances drop the room first.
      await documents.remove(document.id);
      await discardDocuments(bus, store, [document.id]);
      c.get('logger').info({ docId: document.id }, 'document deleted');
      return c.body(null, 204);
    },
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/content', tags, auth: true, params,
      summary: 'The current text, merged from the snapshot and unflushed updates',
      responses: { 200: text('the text, UTF-8') },
      errors: [404],
    },
    async (c) => {
      const { document } = await documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      const content = await currentText(bus, store, document.id);
      c.header('Cache-Control', 'no-store');
      return c.text(content, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    },
  );
  defineRoute(
    app,
    {
      method: 'post', path: '/:id/sync-token', tags, auth: true, params,
      summary: 'A short-lived token for the sync service (`/socket/:id?token=`)',
      responses: { 200: json(syncTokenSchema, "the token, its expiry and the caller's role") },
      errors: [404, 429],
    },
    async (c) => {
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
    },
  );
  return app;
}
