import { z } from 'zod';
import { languageSchema } from './api-schemas.js';
import { roleSchema } from './role-schemas.js';

// The REST API's JSON responses. The server documents them in its OpenAPI
// document (the `id` in `.meta` names the component) and its contract tests
// check every answer against them; strict objects, so an undocumented field fails.

const isoTime = z.iso.datetime().meta({ description: 'ISO 8601 time, UTC' });

export const userSchema = z
  .strictObject({ id: z.uuid(), email: z.string(), name: z.string(), createdAt: isoTime })
  .meta({ id: 'User' });

export const authTokensSchema = z
  .strictObject({
    accessToken: z.string(),
    refreshToken: z.string().optional().meta({ description: 'left out when the request asked for the cookie (`X-Refresh-Cookie: 1`)' }),
    accessTokenExpiresAt: isoTime.meta({ description: 'when the access token expires' }),
    user: userSchema,
  })
  .meta({ id: 'AuthTokens' });

export const documentSchema = z
  .strictObject({
    id: z.uuid(),
    title: z.string(),
    language: languageSchema,
    ownerId: z.uuid(),
    role: roleSchema.meta({ description: "the caller's role on the document" }),
    sizeBytes: z.int().nonnegative(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Document' });

export const memberSchema = z
  .strictObject({ userId: z.uuid(), email: z.string(), name: z.string(), role: roleSchema })
  .meta({ id: 'Member' });

export const versionSchema = z
  .strictObject({
    id: z.string(),
    sizeBytes: z.int().nonnegative(),
    createdAt: isoTime,
    name: z.string().nullable().meta({ description: 'given by an editor; named versions are never thinned' }),
  })
  .meta({ id: 'Version' });

export const versionContentSchema = z.strictObject({ version: versionSchema, text: z.string() });
export const restoreResultSchema = z.strictObject({ document: documentSchema, text: z.string() });

export const syncTokenSchema = z
  .strictObject({ token: z.string(), expiresAt: isoTime, role: roleSchema })
  .meta({ id: 'SyncToken' });

export const apiErrorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: 'stable snake_case code to branch on' }),
      message: z.string().meta({ description: 'for people' }),
      details: z.unknown().optional().meta({ description: 'e.g. the validation issues' }),
    }),
  })
  .meta({ id: 'Error' });

const checkResult = z.union([z.literal('ok'), z.literal('not_configured'), z.templateLiteral(['error: ', z.string()])]);
export const healthSchema = z
  .strictObject({
    status: z.enum(['ok', 'unavailable', 'draining']),
    checks: z.strictObject({ db: checkResult, redis: checkResult, storage: checkResult }),
  })
  .meta({ id: 'Health' });
