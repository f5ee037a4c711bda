import { z } from 'zod';
import { languageSchema } from './api-schemas.js';
import { roleSchema } from './role-schemas.js';

// Responses of the project routes (DESIGN "Projects"), documented and checked like api-response-schemas.ts.

const isoTime = z.iso.datetime().meta({ description: 'ISO 8601 time, UTC' });

export const projectSchema = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    ownerId: z.uuid(),
    role: roleSchema.meta({ description: "the caller's role on the project (and so on each of its files)" }),
    treeVersion: z.int().nonnegative().meta({ description: 'incremented by every change to the tree' }),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Project' });

export const entryKindSchema = z.enum(['file', 'folder']);

export const projectEntrySchema = z
  .strictObject({
    path: z.string().meta({ description: 'slash-separated, unique in the project' }),
    kind: entryKindSchema,
    documentId: z.uuid().optional().meta({ description: "a file's document: every /api/documents/:id route works on it" }),
    language: languageSchema.optional(),
    sizeBytes: z.int().nonnegative().optional(),
    updatedAt: isoTime.optional(),
  })
  .meta({ id: 'ProjectEntry' });

export const projectFilesSchema = z
  .strictObject({
    treeVersion: z.int().nonnegative().meta({ description: 'read before the entries: the list is at least this new' }),
    entries: z.array(projectEntrySchema),
  })
  .meta({ id: 'ProjectFiles' });

export const createdEntrySchema = z.strictObject({
  entry: projectEntrySchema,
  entries: z.array(projectEntrySchema).meta({ description: 'the entry and any parent folders created with it' }),
});

export const movedEntriesSchema = z.strictObject({
  entries: z.array(projectEntrySchema).meta({ description: 'what moved, at the new paths' }),
});

export const importResultSchema = z
  .strictObject({
    entries: z.array(projectEntrySchema).meta({ description: 'entries created, and files whose text the archive replaced' }),
    skipped: z.array(z.strictObject({ path: z.string(), reason: z.literal('binary') })),
  })
  .meta({ id: 'ArchiveImport' });
