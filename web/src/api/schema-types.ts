import type { components } from './schema';

/** The API's named shapes, as its OpenAPI document (web/src/api/schema.d.ts) says. */
type Schemas = components['schemas'];

export type UserDto = Schemas['User'];
export type AuthTokensDto = Schemas['AuthTokens'];
export type DocumentDto = Schemas['Document'];
export type SyncTokenDto = Schemas['SyncToken'];
export type MemberDto = Schemas['Member'];
export type VersionDto = Schemas['Version'];
export type ProjectDto = Schemas['Project'];
export type ProjectFilesDto = Schemas['ProjectFiles'];
export type ProjectEntryDto = Schemas['ProjectEntry'];
export type ImportResultDto = Schemas['ArchiveImport'];
export type ErrorBody = Schemas['Error'];
