import type { Role } from './roles.js';

/** Claims of a short-lived document token, verified by the sync service without a database. */
export interface DocumentTokenClaims {
  userId: string;
  name: string;
  documentId: string;
  role: Role;
  /** Session the token was issued for: revoking the session closes the socket. */
  sessionId: string;
  /** Set when the role comes from a project membership: a project-wide access change closes the socket. */
  projectId?: string;
}

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export interface RefreshTokenClaims {
  userId: string;
  sessionId: string;
  /** Rotation counter id: a refresh token works exactly once. */
  tokenId: string;
}

/** A verified document token: its claims plus when it was issued and expires (epoch ms). */
export interface VerifiedDocumentToken extends DocumentTokenClaims {
  issuedAtMs: number;
  expiresAtMs: number;
}

/** Claims of a short-lived project token: joins the project socket (presence and tree notices). */
export interface ProjectTokenClaims {
  userId: string;
  name: string;
  projectId: string;
  role: Role;
  sessionId: string;
}

export interface VerifiedProjectToken extends ProjectTokenClaims {
  issuedAtMs: number;
  expiresAtMs: number;
}
