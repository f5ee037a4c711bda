import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './context.js';
import { badRequest } from './errors.js';

/**
 * The request's JSON body validated by `schema`: 400 `invalid_json` if it is
 * not JSON, 400 `validation_failed` with the issues if it has the wrong shape.
 */
export async function readJson<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  /** `{ emptyIs: {} }`: an empty body stands for that value (a cookie-carried refresh has nothing to send). */
  options: { emptyIs?: unknown } = {},
): Promise<z.infer<S>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.trim() === '' && 'emptyIs' in options ? options.emptyIs : JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'request body is not valid JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest('validation_failed', 'request body is invalid', issuesOf(result.error));
  return result.data;
}

/** The request's query string validated by `schema`: 400 `invalid_query` naming each problem. */
export function readQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) {
    const issues = issuesOf(result.error);
    const summary = issues.map((issue) => `${issue.path || 'query'}: ${issue.message}`).join('; ');
    throw badRequest('invalid_query', `the query string is invalid (${summary})`, issues);
  }
  return result.data;
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
