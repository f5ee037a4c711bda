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
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw badRequest('validation_failed', 'request body is invalid', issues);
  }
  return result.data;
}
