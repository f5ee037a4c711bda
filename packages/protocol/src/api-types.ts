import type { Language } from './languages.js';
import type { Role } from './roles.js';

/** Shapes of the REST API's JSON responses, shared by the server and the web client. */
export interface UserDto {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface AuthTokensDto {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  accessTokenExpiresAt: string;
  user: UserDto;
}

export interface DocumentDto {
  id: string;
  title: string;
  language: Language;
  ownerId: string;
  role: Role;
  sizeBytes: number;
  createdAt: string;
  updatedAt: string;
}

export interface MemberDto {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface VersionDto {
  id: string;
  sizeBytes: number;
  createdAt: string;
}

/** `GET /api/documents/:id/versions/:versionId`. */
export interface VersionContentDto {
  version: VersionDto;
  text: string;
}

/** `POST /api/documents/:id/versions/:versionId/restore`: the document and its text after the restore. */
export interface RestoreResultDto {
  document: DocumentDto;
  text: string;
}

export interface SyncTokenDto {
  token: string;
  expiresAt: string;
  role: Role;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface ProjectDto {
  id: string;
  name: string;
  ownerId: string;
  role: Role;
  treeVersion: number;
  createdAt: string;
  updatedAt: string;
}

export type EntryKind = 'file' | 'folder';

/** One entry of `GET /api/projects/:id/files`; files carry their document's id and metadata. */
export interface ProjectEntryDto {
  path: string;
  kind: EntryKind;
  documentId?: string;
  language?: Language;
  sizeBytes?: number;
  updatedAt?: string;
}

export interface ProjectFilesDto {
  treeVersion: number;
  entries: ProjectEntryDto[];
}
