import type { DocumentBus } from '@codesync/bus';
import { attributionSchema } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { createApiRouter, defineRoute, json } from '../openapi/define-route.js';
import { documentParams } from '../openapi/path-params.js';
import { attribution } from '../services/attribution.js';
import type { DocumentService } from '../services/documents.js';
import type { UserService } from '../services/users.js';

export interface AttributionRoutesDeps {
  documents: DocumentService;
  users: UserService;
  bus: DocumentBus;
  store: SnapshotStore;
}

/** `GET /api/documents/:id/attribution`: who wrote each line; anyone who may read the document may ask. */
export function createAttributionRoutes(deps: AttributionRoutesDeps) {
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/:id/attribution', tags: ['documents'], auth: true, params: documentParams,
      summary: 'Who wrote each line (1-based), from the authors the sync service recorded',
      responses: { 200: json(attributionSchema, 'the lines and their authors') },
      errors: [404],
    },
    async (c) => {
      const { document } = await deps.documents.access(c.req.param('id'), c.get('caller').userId, 'read');
      return c.json(await attribution(deps, document.id));
    },
  );
  return app;
}
