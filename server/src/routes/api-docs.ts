import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { createApiRouter, defineRoute, json, text } from '../openapi/define-route.js';

// The reference page is Swagger UI served from our own origin: no CDN, since
// neither this machine nor users' LANs need the internet, and its one script
// file keeps a strict `script-src 'self'`.
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>CodeSync API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><main id="swagger-ui"></main>
<script src="docs/swagger-ui-bundle.js"></script><script src="docs/init.js"></script></body>
</html>`;

// Relative to /api/docs, so the page works under any prefix; no validator badge (it calls out).
const INIT = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true });\n`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const assets: Record<string, { type: string; body: () => string }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(path.join(swaggerUiDir, 'swagger-ui.css'), 'utf8') },
  'swagger-ui-bundle.js': {
    type: 'text/javascript; charset=utf-8',
    body: () => readFileSync(path.join(swaggerUiDir, 'swagger-ui-bundle.js'), 'utf8'),
  },
  'init.js': { type: 'text/javascript; charset=utf-8', body: () => INIT },
};

const tags = ['platform'];

/** `/api/openapi.json` and the browsable reference at `/api/docs`. */
export function createApiDocsRoutes(document: () => unknown) {
  const cache = new Map<string, string>();
  const app = createApiRouter();
  defineRoute(
    app,
    {
      method: 'get', path: '/openapi.json', tags, auth: false, summary: 'This API as an OpenAPI 3.1 document',
      responses: { 200: json(z.looseObject({ openapi: z.string() }), 'the document') },
      errors: [],
    },
    (c) => c.json(document() as Record<string, unknown>),
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/docs', tags, auth: false, summary: 'A browsable reference of this API',
      responses: { 200: text('the reference page', 'text/html') },
      errors: [],
    },
    (c) => c.html(PAGE, 200, { 'Content-Security-Policy': CSP }),
  );
  defineRoute(
    app,
    {
      method: 'get', path: '/docs/:asset', tags, auth: false, summary: "The reference page's script and style",
      params: z.object({ asset: z.string() }),
      responses: { 200: text('the file', 'text/javascript') },
      errors: [404],
    },
    (c) => {
      const name = c.req.param('asset');
      const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
      if (!asset) throw notFound('not_found', 'no such file');
      let body = cache.get(name);
      if (body === undefined) cache.set(name, (body = asset.body()));
      return c.body(body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600' });
    },
  );
  return app;
}
