import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { TokenError, type TokenService } from '@codesync/auth';
import { sessions, type Database } from '@codesync/db';
import type { Logger } from 'pino';
import type { Caller } from '../context.js';
import { unauthorized } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SessionCache } from './session-cache.js';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
}

export interface SessionServiceOptions {
  db: Database;
  tokens: TokenService;
  cache: SessionCache;
  outbox: Outbox;
  logger: Logger;
  /** How long a session lasts without a refresh; each refresh extends it. */
  sessionTtlMs: number;
  /** Lifetime of an access token: how long a cached "active" or "revoked" entry must be trusted. */
  accessTtlMs: number;
}

export interface SessionService {
  start(userId: string): Promise<IssuedTokens>;
  /** The caller an access token speaks for, if its session is still live; else 401. */
  authenticate(accessToken: string): Promise<Caller>;
  /** Rotates the refresh token; presenting a used one revokes the whole session. */
  refresh(refreshToken: string): Promise<{ userId: string; tokens: IssuedTokens }>;
  revoke(sessionId: string): Promise<void>;
  /** Ends every live session of the user (but `exceptSessionId`); their sockets close on the bus event. */
  revokeAllFor(userId: string, exceptSessionId?: string): Promise<number>;
  /** Deletes sessions that expired, or were revoked longer ago than any access token lives; returns how many. */
  prune(): Promise<number>;
}

function tokenProblem(error: unknown): never {
  if (error instanceof TokenError) {
    throw error.reason === 'expired'
      ? unauthorized('token_expired', 'token expired')
      : unauthorized('invalid_token', 'token invalid');
  }
  throw error;
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const { db, tokens, cache, outbox } = options;
  const sessionExpiry = () => new Date(Date.now() + options.sessionTtlMs);
  // Outlives every access token the session could have issued.
  const revokedTtlMs = options.accessTtlMs + 60_000;

  async function issue(userId: string, sessionId: string, refreshTokenId: string): Promise<IssuedTokens> {
    const [access, refresh] = await Promise.all([
      tokens.signAccess({ userId, sessionId }),
      tokens.signRefresh({ userId, sessionId, tokenId: refreshTokenId }),
    ]);
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
    };
  }

  async function liveSessionFromDb(sessionId: string, userId: string): Promise<{ expiresAt: Date } | null> {
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    if (!row || row.userId !== userId) return null;
    if (row.revokedAt !== null) {
      await cache.markRevoked(sessionId, revokedTtlMs);
      return null;
    }
    return row.expiresAt.getTime() > Date.now() ? { expiresAt: row.expiresAt } : null;
  }

  async function revoke(sessionId: string): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
      await outbox.add(tx, [{ type: 'session-revoked', sessionId }]);
    });
    await cache.markRevoked(sessionId, revokedTtlMs);
    await outbox.flush();
  }

  async function revokeAllFor(userId: string, exceptSessionId?: string): Promise<number> {
    const ended = await db.transaction(async (tx) => {
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
        .returning({ id: sessions.id });
      await outbox.add(tx, rows.map((row) => ({ type: 'session-revoked' as const, sessionId: row.id })));
      return rows.map((row) => row.id);
    });
    await Promise.all(ended.map((sessionId) => cache.markRevoked(sessionId, revokedTtlMs)));
    await outbox.flush();
    return ended.length;
  }

  async function prune(): Promise<number> {
    const revokedBefore = new Date(Date.now() - revokedTtlMs);
    const gone = await db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.revokedAt, revokedBefore)))
      .returning({ id: sessions.id });
    return gone.length;
  }

  return {
    async start(userId) {
      const sessionId = randomUUID();
      const refreshTokenId = randomUUID();
      await db.insert(sessions).values({ id: sessionId, userId, refreshTokenId, expiresAt: sessionExpiry() });
      return issue(userId, sessionId, refreshTokenId);
    },

    async authenticate(accessToken) {
      const claims = await tokens.verifyAccess(accessToken).catch(tokenProblem);
      const cached = await cache.get(claims.sessionId);
      if (cached?.state === 'active' && cached.userId === claims.userId) return claims;
      if (cached === null) {
        const live = await liveSessionFromDb(claims.sessionId, claims.userId);
        if (live) {
          const ttlMs = Math.min(options.accessTtlMs, live.expiresAt.getTime() - Date.now());
          await cache.rememberActive(claims.sessionId, claims.userId, ttlMs);
          return claims;
        }
      }
      throw unauthorized('session_revoked', 'session ended, log in again');
    },

    async refresh(refreshToken) {
      const claims = await tokens.verifyRefresh(refreshToken).catch(tokenProblem);
      const nextTokenId = randomUUID();
      // Compare-and-set: of two requests with the same token, exactly one wins.
      const rotated = await db
        .update(sessions)
        .set({ refreshTokenId: nextTokenId, expiresAt: sessionExpiry() })
        .where(
          and(
            eq(sessions.id, claims.sessionId),
            eq(sessions.userId, claims.userId),
            eq(sessions.refreshTokenId, claims.tokenId),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, sql`now()`),
          ),
        )
        .returning({ id: sessions.id });
      if (rotated.length > 0) {
        return { userId: claims.userId, tokens: await issue(claims.userId, claims.sessionId, nextTokenId) };
      }
      const [row] = await db.select().from(sessions).where(eq(sessions.id, claims.sessionId));
      if (row && row.revokedAt === null && row.refreshTokenId !== claims.tokenId) {
        // A used refresh token came back: it was stolen or replayed, so end the session for everyone.
        options.logger.warn({ sessionId: claims.sessionId, userId: claims.userId }, 'refresh token reused; session revoked');
        await revoke(claims.sessionId);
        throw unauthorized('refresh_token_reused', 'refresh token already used; session revoked');
      }
      throw unauthorized('session_revoked', 'session ended, log in again');
    },

    revoke,
    revokeAllFor,
    prune,
  };
}
