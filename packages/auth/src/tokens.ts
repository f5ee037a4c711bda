import type {
  AccessTokenClaims,
  DocumentTokenClaims,
  ProjectTokenClaims,
  RefreshTokenClaims,
  VerifiedDocumentToken,
  VerifiedProjectToken,
} from '@codesync/protocol';
import { roleSchema } from '@codesync/protocol';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export type TokenKind = 'access' | 'refresh' | 'document' | 'project';

export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(readonly reason: 'expired' | 'invalid', message: string) {
    super(message);
  }
}

export interface TokenServiceOptions {
  /** HS256 key, at least 32 bytes. */
  secret: string | Uint8Array;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  documentTtlSeconds?: number;
}

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

export interface TokenService {
  signAccess(claims: AccessTokenClaims): Promise<SignedToken>;
  verifyAccess(token: string): Promise<AccessTokenClaims>;
  signRefresh(claims: RefreshTokenClaims): Promise<SignedToken>;
  verifyRefresh(token: string): Promise<RefreshTokenClaims>;
  signDocument(claims: DocumentTokenClaims): Promise<SignedToken>;
  verifyDocument(token: string): Promise<VerifiedDocumentToken>;
  signProject(claims: ProjectTokenClaims): Promise<SignedToken>;
  verifyProject(token: string): Promise<VerifiedProjectToken>;
}

const ISSUER = 'codesync';

/**
 * Signs and verifies the three kinds of JWT. Each kind has its own audience,
 * so a token of one kind is never accepted as another; only HS256 is
 * accepted, so `alg: none` and algorithm swaps are rejected.
 */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const key = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
  if (key.byteLength < 32) throw new Error('token secret must be at least 32 bytes');
  // Imported once: given raw bytes, jose imports the key again for every token (a third of a verification's time).
  const hmacKey = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  const ttl: Record<TokenKind, number> = {
    access: options.accessTtlSeconds ?? 15 * 60,
    refresh: options.refreshTtlSeconds ?? 30 * 24 * 3600,
    document: options.documentTtlSeconds ?? 5 * 60,
    project: options.documentTtlSeconds ?? 5 * 60,
  };

  async function sign(kind: TokenKind, subject: string, payload: JWTPayload): Promise<SignedToken> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + ttl[kind];
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(kind)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(await hmacKey);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async function verify(kind: TokenKind, token: string): Promise<JWTPayload & { sub: string }> {
    try {
      const { payload } = await jwtVerify(token, await hmacKey, { algorithms: ['HS256'], issuer: ISSUER, audience: kind });
      if (typeof payload.sub !== 'string') throw new TokenError('invalid', 'token has no subject');
      return payload as JWTPayload & { sub: string };
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenError('expired', 'token expired');
      throw new TokenError('invalid', 'token invalid');
    }
  }

  const text = (payload: JWTPayload, name: string): string => {
    const value = payload[name];
    if (typeof value !== 'string' || value === '') throw new TokenError('invalid', `token lacks ${name}`);
    return value;
  };

  const roleOf = (payload: JWTPayload) => {
    const role = roleSchema.safeParse(payload.role);
    if (!role.success) throw new TokenError('invalid', 'token has no valid role');
    return role.data;
  };

  return {
    signAccess: (c) => sign('access', c.userId, { sid: c.sessionId }),
    async verifyAccess(token) {
      const p = await verify('access', token);
      return { userId: p.sub, sessionId: text(p, 'sid') };
    },
    signRefresh: (c) => sign('refresh', c.userId, { sid: c.sessionId, jti: c.tokenId }),
    async verifyRefresh(token) {
      const p = await verify('refresh', token);
      return { userId: p.sub, sessionId: text(p, 'sid'), tokenId: text(p, 'jti') };
    },
    signDocument: (c) =>
      sign('document', c.userId, {
        sid: c.sessionId,
        doc: c.documentId,
        role: c.role,
        name: c.name,
        ...(c.projectId === undefined ? {} : { prj: c.projectId }),
      }),
    async verifyDocument(token) {
      const p = await verify('document', token);
      return {
        userId: p.sub,
        sessionId: text(p, 'sid'),
        documentId: text(p, 'doc'),
        role: roleOf(p),
        name: typeof p.name === 'string' ? p.name : '',
        ...(p.prj === undefined ? {} : { projectId: text(p, 'prj') }),
        issuedAtMs: (p.iat ?? 0) * 1000,
        expiresAtMs: (p.exp ?? 0) * 1000,
      };
    },
    signProject: (c) => sign('project', c.userId, { sid: c.sessionId, prj: c.projectId, role: c.role, name: c.name }),
    async verifyProject(token) {
      const p = await verify('project', token);
      return {
        userId: p.sub,
        sessionId: text(p, 'sid'),
        projectId: text(p, 'prj'),
        role: roleOf(p),
        name: typeof p.name === 'string' ? p.name : '',
        issuedAtMs: (p.iat ?? 0) * 1000,
        expiresAtMs: (p.exp ?? 0) * 1000,
      };
    },
  };
}
