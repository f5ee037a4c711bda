import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '@codesync/protocol';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

function respond(c: Context<AppEnv>, error: ApiError) {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return c.json(body, error.status, error.headers);
}

const httpCodes: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
};

/** A database's "invalid input" (class 22: bad encoding, out of range) is the client's fault, not ours. */
function isDataException(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** Node's `aborted`: the connection closed before the request body arrived (client gone, or refused by the parser). */
function isClientAbort(error: unknown): boolean {
  return error instanceof Error && error.message === 'aborted' && (error as { code?: unknown }).code === 'ECONNRESET';
}

/** Socket errors and Postgres class 08 / 57P0x: the database could not be reached or went away. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);
const UNREACHABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** A backing service is unreachable (the cause chain of a failed query says so): retry later, not a bug. */
function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (UNREACHABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** The one place an exception becomes a response: ApiError as given, anything else a logged 500. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ApiError) return respond(c, error);
  if (isClientAbort(error)) {
    // Nobody is left to read the answer; not a fault of ours, so no error-level line.
    return respond(c, new ApiError(400, 'request_aborted', 'the request ended before its body arrived'));
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return respond(c, new ApiError(status, httpCodes[status] ?? 'bad_request', error.message || 'bad request'));
  }
  const logger = c.get('logger');
  if (isUnavailable(error)) {
    logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'dependency unavailable');
    return respond(c, new ApiError(503, 'service_unavailable', 'a service the API depends on is unavailable; try again shortly', undefined, { 'Retry-After': '5' }));
  }
  if (isDataException(error)) {
    logger?.warn({ err: error }, 'database refused input');
    return respond(c, new ApiError(400, 'invalid_input', 'the request contains a value that cannot be stored'));
  }
  logger?.error({ err: error }, 'unhandled error');
  return respond(c, new ApiError(500, 'internal_error', 'something went wrong on our side'));
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  respond(c, new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
