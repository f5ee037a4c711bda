import { z } from 'zod';
import { languageSchema, MAX_CONTENT_BYTES } from './api-schemas.js';

const printable = (value: string) => !/[\p{Cc}\p{Cs}]/u.test(value);
const projectName = z.string().trim().min(1).max(120).refine(printable, 'must not contain control characters');
// The path's own rules (project-paths.ts) are checked by the route, so a 400 can name the one broken.
const path = z.string().max(4096);

export const createProjectBodySchema = z.strictObject({ name: projectName });
export const patchProjectBodySchema = z.strictObject({ name: projectName });
export const createEntryBodySchema = z.strictObject({
  path,
  kind: z.enum(['file', 'folder']).default('file'),
  content: z.string().max(MAX_CONTENT_BYTES).optional(),
  language: languageSchema.optional(),
});
export const moveEntryBodySchema = z.strictObject({ from: path, to: path });

export type CreateProjectBody = z.infer<typeof createProjectBodySchema>;
export type CreateEntryBody = z.infer<typeof createEntryBodySchema>;
export type MoveEntryBody = z.infer<typeof moveEntryBodySchema>;
