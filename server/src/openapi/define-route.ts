import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { H } from 'hono/types';
import { z } from 'zod';
import { apiErrorBodySchema } from '@codesync/protocol';
import type { AppEnv } from '../context.js';

/** A router whose routes land in the OpenAPI document when mounted with `app.route()`. */
export type ApiRouter = OpenAPIHono<AppEnv>;

export function createApiRouter(): ApiRouter {
  return new OpenAPIHono<AppEnv>();
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** A success answer: JSON of a schema, some other media type, or nothing. */
export type Success = { description: string; schema?: z.ZodType; mediaType?: string };

export const json = (schema: z.ZodType, description: string): Success => ({ description, schema });
export const text = (description: string, mediaType = 'text/plain'): Success => ({ description, mediaType });
export const noContent = (description: string): Success => ({ description });

export interface RouteSpec<Path extends string = string> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to the router, Hono style: `/:id/members/:userId` (`{id}` in the document). */
  path: Path;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** Needs `Authorization: Bearer <accessToken>` (documents the scheme and 401). */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON body; the handler still reads it with `readJson` (see below why). */
  body?: z.ZodType;
  /** A binary body of this media type instead (an archive), read by the handler. */
  upload?: string;
  /** What the route answers when it does its job (a status listed here is not also an error). */
  responses: Partial<Record<number, Success>>;
  /** Error statuses this route answers on purpose, each with the `Error` shape. */
  errors: readonly ErrorStatus[];
}

const errorMeaning: Record<ErrorStatus, string> = {
  400: 'invalid JSON or a body, parameter or query of the wrong shape',
  401: 'no, invalid or expired access token, or a revoked session',
  403: "the caller's role does not allow this",
  404: 'no such resource, or the caller may not know it exists',
  409: 'conflicts with the current state',
  410: 'expired',
  413: 'body or content over its limit',
  415: 'unsupported media type',
  422: 'the stored content cannot be read (kept for inspection)',
  429: 'rate limited: retry after `Retry-After` seconds',
  503: 'a service the API depends on is unavailable: retry shortly',
};

/** Bytes (an archive): `Blob` in the web client's types. */
const binary = z.string().meta({ format: 'binary' });

function successResponse({ description, schema, mediaType }: Success) {
  if (schema) return { description, content: { 'application/json': { schema } } };
  if (mediaType) return { description, content: { [mediaType]: { schema: mediaType.startsWith('text/') ? z.string() : binary } } };
  return { description };
}

function requestBody({ body, upload }: RouteSpec) {
  if (body) return { required: true, content: { 'application/json': { schema: body } } };
  if (upload) return { required: true, content: { [upload]: { schema: binary } } };
  return undefined;
}

/** The library's route config for a spec: what the OpenAPI document and the contract checks read. */
export function toRouteConfig(spec: RouteSpec): RouteConfig {
  const errors = new Set<ErrorStatus>(spec.errors);
  if (spec.auth) errors.add(401);
  if (spec.body || spec.upload) errors.add(400).add(413);
  errors.add(503); // every route reaches the database or a store
  const responses: RouteConfig['responses'] = {};
  for (const [status, success] of Object.entries(spec.responses)) if (success) responses[status] = successResponse(success);
  for (const status of [...errors].sort()) {
    if (responses[status]) continue;
    responses[status] = { description: errorMeaning[status], content: { 'application/json': { schema: apiErrorBodySchema } } };
  }
  return {
    method: spec.method,
    path: spec.path.replaceAll(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    description: spec.description,
    tags: [...spec.tags],
    security: spec.auth ? [{ bearer: [] }] : [],
    request: {
      params: spec.params,
      query: spec.query,
      body: requestBody(spec),
    },
    responses,
  };
}

/**
 * Documents a route and mounts its handlers. The library's `app.openapi()`
 * would also validate before the handlers run; we keep validation in the
 * handlers (`readJson`) so an unauthorised caller gets 403 before a body is
 * judged, and bad JSON keeps its `invalid_json` code, exactly as before.
 */
export function defineRoute<Path extends string>(
  app: ApiRouter,
  spec: RouteSpec<Path>,
  ...handlers: [H<AppEnv, Path>, ...H<AppEnv, Path>[]]
): void {
  app.openAPIRegistry.registerPath(toRouteConfig(spec));
  app.on(spec.method.toUpperCase(), spec.path, ...handlers);
}
