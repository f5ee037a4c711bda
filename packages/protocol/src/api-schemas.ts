import { z } from 'zod';
import { languages } from './languages.js';
import { memberRoleSchema } from './role-schemas.js';

export const languageSchema = z.enum(languages);

/** Largest document content accepted through the REST API (the body limit is a little above). */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(8).max(256);
// Control characters (NUL above all, which PostgreSQL text refuses) and lone
// surrogates have no place in a name or title shown in lists.
const printable = (value: string) => !/[\p{Cc}\p{Cs}]/u.test(value);
const name = z.string().trim().min(1).max(80).refine(printable, 'must not contain control characters');
const title = z.string().trim().min(1).max(200).refine(printable, 'must not contain control characters');

export const registerBodySchema = z.strictObject({ email, password, name });
export const loginBodySchema = z.strictObject({ email, password: z.string().min(1).max(256) });
const refreshToken = z.string().min(1).max(4096);
export const refreshBodySchema = z.strictObject({ refreshToken });
/** With `X-Refresh-Cookie: 1` (the web app) the token is in its cookie and the body may be `{}` or empty. */
export const cookieRefreshBodySchema = z.strictObject({ refreshToken: refreshToken.optional() });
const currentPassword = z.string().min(1).max(256);
export const changePasswordBodySchema = z.strictObject({ currentPassword, newPassword: password });
export const deleteAccountBodySchema = z.strictObject({ password: currentPassword });
export const resetPasswordBodySchema = z.strictObject({ token: z.string().min(16).max(256), newPassword: password });
export const createDocumentBodySchema = z.strictObject({
  title,
  language: languageSchema,
  content: z.string().max(MAX_CONTENT_BYTES).optional(),
});
export const patchDocumentBodySchema = z
  .strictObject({ title: title.optional(), language: languageSchema.optional() })
  .refine((b) => b.title !== undefined || b.language !== undefined, {
    message: 'give title or language',
  });
/** Longest version name, after trimming. */
export const MAX_VERSION_NAME_LENGTH = 100;
/** `PATCH …/versions/:versionId`: a name (trimmed, 1–100 characters), or `null` / `""` (after trimming) to clear it. */
export const nameVersionBodySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .max(MAX_VERSION_NAME_LENGTH)
    .refine(printable, 'must not contain control characters')
    .nullable()
    .meta({ description: 'the new name; null or an empty string clears it' }),
});
export const addMemberBodySchema = z.strictObject({ email, role: memberRoleSchema });
export const changeMemberBodySchema = z.strictObject({ role: memberRoleSchema });

export type RegisterBody = z.infer<typeof registerBodySchema>;
export type LoginBody = z.infer<typeof loginBodySchema>;
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;
export type CreateDocumentBody = z.infer<typeof createDocumentBodySchema>;
export type PatchDocumentBody = z.infer<typeof patchDocumentBodySchema>;
export type NameVersionBody = z.infer<typeof nameVersionBodySchema>;
export type AddMemberBody = z.infer<typeof addMemberBodySchema>;
