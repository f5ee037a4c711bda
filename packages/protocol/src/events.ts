import { z } from 'zod';
import { roleSchema } from './role-schemas.js';

/**
 * Events that cross processes on the bus. The API publishes access changes
 * that the sync service acts on live; the sync service publishes snapshot
 * saves that the API folds into document metadata.
 */
export const busEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session-revoked'), sessionId: z.string() }),
  z.object({ type: z.literal('member-removed'), documentId: z.string(), userId: z.string() }),
  z.object({
    type: z.literal('member-role-changed'),
    documentId: z.string(),
    userId: z.string(),
    role: roleSchema,
  }),
  z.object({ type: z.literal('document-deleted'), documentId: z.string() }),
  /** Every file socket opened through this project membership, and the project socket, close. */
  z.object({ type: z.literal('project-member-removed'), projectId: z.string(), userId: z.string() }),
  z.object({
    type: z.literal('project-member-role-changed'),
    projectId: z.string(),
    userId: z.string(),
    role: roleSchema,
  }),
  z.object({ type: z.literal('project-deleted'), projectId: z.string() }),
  /** The project's tree changed; `treeVersion` is its version after the change. */
  z.object({ type: z.literal('project-tree-changed'), projectId: z.string(), treeVersion: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('snapshot-saved'),
    documentId: z.string(),
    versionId: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    textLength: z.number().int().nonnegative(),
    savedAt: z.string(),
    /** Every log entry up to this id is in the snapshot (other instances holding the room need not save them again). */
    upToEntryId: z.string().optional(),
  }),
]);

export type BusEvent = z.infer<typeof busEventSchema>;
