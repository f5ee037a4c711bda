import type { ApiRouter } from './define-route.js';

export const OPENAPI_INFO = {
  title: 'CodeSync API',
  version: '1.0.0',
  description:
    'The REST API of CodeSync, a collaborative code editor. Errors are `{"error": {"code", "message"}}` ' +
    'with a stable snake_case `code`. Live editing goes through the sync service (`/socket`), ' +
    'with a token from `POST /api/documents/{id}/sync-token`.',
};

/** The scheme `auth: true` routes name: call once on the root router. */
export function registerBearerScheme(app: ApiRouter): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'the `accessToken` from `POST /api/auth/login` or `/api/auth/refresh`',
  });
}

/**
 * The app's OpenAPI 3.1 document, built from every route registered with
 * `defineRoute` and mounted under `app`. Call once all routes are mounted.
 */
export function buildOpenApiDocument(app: ApiRouter) {
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: OPENAPI_INFO });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
