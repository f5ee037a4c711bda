import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createTokenService, decoyPasswordHash, hashPassword, needsRehash, TokenError, verifyPassword } from './index.js';

const secret = 'a'.repeat(32);
const claims = { userId: 'u1', name: 'Ada', documentId: 'd1', role: 'editor' as const, sessionId: 's1' };

async function rejection(promise: Promise<unknown>): Promise<TokenError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe('token service', () => {
  const tokens = createTokenService({ secret });

  it('round-trips each kind of token', async () => {
    const access = await tokens.signAccess({ userId: 'u1', sessionId: 's1' });
    expect(await tokens.verifyAccess(access.token)).toEqual({ userId: 'u1', sessionId: 's1' });
    const refresh = await tokens.signRefresh({ userId: 'u1', sessionId: 's1', tokenId: 't1' });
    expect(await tokens.verifyRefresh(refresh.token)).toEqual({ userId: 'u1', sessionId: 's1', tokenId: 't1' });
    const doc = await tokens.signDocument(claims);
    expect(await tokens.verifyDocument(doc.token)).toMatchObject(claims);
    expect((await tokens.verifyDocument(doc.token)).expiresAtMs).toBe(doc.expiresAt.getTime());
    expect(doc.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('round-trips project tokens, and file tokens that carry their project', async () => {
    const projectClaims = { userId: 'u1', name: 'Ada', projectId: 'p1', role: 'viewer' as const, sessionId: 's1' };
    const project = await tokens.signProject(projectClaims);
    expect(await tokens.verifyProject(project.token)).toMatchObject(projectClaims);
    const file = await tokens.signDocument({ ...claims, projectId: 'p1' });
    expect((await tokens.verifyDocument(file.token)).projectId).toBe('p1');
    expect((await tokens.verifyDocument((await tokens.signDocument(claims)).token)).projectId).toBeUndefined();
    // A project token never opens a document socket, nor the reverse.
    expect((await rejection(tokens.verifyDocument(project.token))).reason).toBe('invalid');
    expect((await rejection(tokens.verifyProject(file.token))).reason).toBe('invalid');
  });

  it('never accepts one kind of token as another', async () => {
    const access = await tokens.signAccess({ userId: 'u1', sessionId: 's1' });
    expect((await rejection(tokens.verifyDocument(access.token))).reason).toBe('invalid');
    expect((await rejection(tokens.verifyRefresh(access.token))).reason).toBe('invalid');
  });

  it('rejects expired, forged, alg:none and garbage tokens', async () => {
    const expired = await createTokenService({ secret, documentTtlSeconds: -10 }).signDocument(claims);
    expect((await rejection(tokens.verifyDocument(expired.token))).reason).toBe('expired');
    const forged = await createTokenService({ secret: 'b'.repeat(32) }).signDocument(claims);
    expect((await rejection(tokens.verifyDocument(forged.token))).reason).toBe('invalid');
    const none = new UnsecuredJWT({ doc: 'd1', role: 'owner', sid: 's1' })
      .setIssuer('codesync').setAudience('document').setSubject('u1').setExpirationTime('5m').encode();
    expect((await rejection(tokens.verifyDocument(none))).reason).toBe('invalid');
    const badRole = await new SignJWT({ doc: 'd1', role: 'admin', sid: 's1' })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer('codesync').setAudience('document')
      .setSubject('u1').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    expect((await rejection(tokens.verifyDocument(badRole))).reason).toBe('invalid');
    for (const garbage of ['', 'x', 'a.b.c', '💥'.repeat(50)]) {
      expect((await rejection(tokens.verifyDocument(garbage))).reason).toBe('invalid');
    }
  });

  it('refuses a short secret at construction', () => {
    expect(() => createTokenService({ secret: 'short' })).toThrow(/32 bytes/);
  });
});

describe('passwords', () => {
  const cheap = { N: 1024, r: 8, p: 1 };

  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse', cheap);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
    expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
  });

  it('salts every hash and has a decoy for unknown accounts', async () => {
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
    expect(await verifyPassword('anything', await decoyPasswordHash(cheap))).toBe(false);
  });

  // Finding 5: new hashes were made at N=2^15; OWASP asks 2^17 for scrypt with r=8, p=1.
  it('hashes at N=2^17 by default and asks for a re-hash of anything cheaper', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(await hashPassword('x', { N: 2 ** 15, r: 8, p: 1 }))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
    expect(needsRehash(await hashPassword('x', cheap), cheap)).toBe(false);
  });
});
