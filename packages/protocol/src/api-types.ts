import type { z } from 'zod';
import type {
  apiErrorBodySchema,
  authTokensSchema,
  documentSchema,
  memberSchema,
  restoreResultSchema,
  syncTokenSchema,
  userSchema,
  versionContentSchema,
  versionSchema,
} from './api-response-schemas.js';
import type {
  entryKindSchema,
  importResultSchema,
  projectEntrySchema,
  projectFilesSchema,
  projectSchema,
} from './project-response-schemas.js';

/** Shapes of the REST API's JSON responses, inferred from the schemas the server documents. */
export type UserDto = z.infer<typeof userSchema>;
export type AuthTokensDto = z.infer<typeof authTokensSchema>;
export type DocumentDto = z.infer<typeof documentSchema>;
export type MemberDto = z.infer<typeof memberSchema>;
export type VersionDto = z.infer<typeof versionSchema>;
/** `GET /api/documents/:id/versions/:versionId`. */
export type VersionContentDto = z.infer<typeof versionContentSchema>;
/** `POST /api/documents/:id/versions/:versionId/restore`: the document and its text after the restore. */
export type RestoreResultDto = z.infer<typeof restoreResultSchema>;
export type SyncTokenDto = z.infer<typeof syncTokenSchema>;
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export type ProjectDto = z.infer<typeof projectSchema>;
export type EntryKind = z.infer<typeof entryKindSchema>;
/** One entry of `GET /api/projects/:id/files`; files carry their document's id and metadata. */
export type ProjectEntryDto = z.infer<typeof projectEntrySchema>;
export type ProjectFilesDto = z.infer<typeof projectFilesSchema>;
export type ImportResultDto = z.infer<typeof importResultSchema>;
