import type { RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { apiErrorBodySchema } from '@codesync/protocol';
import type { ApiRouter } from '../openapi/define-route.js';

interface DocumentedRoute {
  method: string;
  pattern: RegExp;
  route: RouteConfig;
}

export interface ObservedResponse {
  method: string;
  /** Path without query. */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

function routesOf(app: ApiRouter): DocumentedRoute[] {
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { route } = definition;
    const pattern = new RegExp(`^${route.path.replaceAll(/\{\w+\}/g, '[^/]+')}$`);
    return [{ method: route.method.toUpperCase(), pattern, route }];
  });
}

function schemaOf(route: RouteConfig, status: number, mediaType: string): unknown {
  const response = route.responses[String(status)];
  if (!response || '$ref' in response) return undefined;
  const media = response.content?.[mediaType];
  return media && 'schema' in media ? media.schema : undefined;
}

/**
 * Checks each answer of the contract suites against the OpenAPI document's
 * zod schemas: the status must be documented for the route, and a JSON body
 * must match its schema. What fails names the route and the difference.
 */
export function createResponseChecker(app: ApiRouter) {
  const routes = routesOf(app);
  return function check({ method, path, status, contentType, body }: ObservedResponse): void {
    const documented = routes.find((r) => r.method === method && r.pattern.test(path));
    const isJson = contentType?.includes('application/json') ?? false;
    if (!documented) {
      // No such route (or a preflight): the not-found or error answer still has the error shape.
      if (isJson && status >= 400) apiErrorBodySchema.parse(body);
      return;
    }
    const where = `${method} ${documented.route.path} answered ${status}`;
    if (!(String(status) in documented.route.responses)) throw new Error(`${where}, which the OpenAPI document does not list`);
    if (!isJson) return;
    const schema = schemaOf(documented.route, status, 'application/json');
    if (!(schema instanceof z.ZodType)) throw new Error(`${where} with JSON, but the document lists no JSON schema for it`);
    const result = schema.safeParse(body);
    if (!result.success) throw new Error(`${where} with a body the document does not describe: ${z.prettifyError(result.error)}`);
  };
}
