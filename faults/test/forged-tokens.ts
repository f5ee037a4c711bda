import { SignJWT, UnsecuredJWT } from 'jose';
import { FAULTS_JWT_SECRET } from './node.js';

export interface DocumentClaims {
  userId: string;
  documentId: string;
  sessionId: string;
  role: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

function claims(c: DocumentClaims) {
  return { sid: c.sessionId, doc: c.documentId, role: c.role, name: 'Mallory' };
}

/** Document tokens an attacker could make, each of which the sync service must refuse. */
export async function forgedDocumentTokens(c: DocumentClaims): Promise<Array<[what: string, token: string]>> {
  const now = Math.floor(Date.now() / 1000);
  const signed = (alg: 'HS256' | 'HS512', secret: string, iat: number, exp: number, audience = 'document') =>
    new SignJWT(claims(c))
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setIssuer('codesync')
      .setAudience(audience)
      .setSubject(c.userId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key(secret));
  const none = new UnsecuredJWT(claims(c)).setIssuer('codesync').setAudience('document').setSubject(c.userId).setIssuedAt().setExpirationTime('5m').encode();
  const [header, payload, signature] = (await signed('HS256', FAULTS_JWT_SECRET, now, now + 300)).split('.') as [string, string, string];
  const escalated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'owner' })).toString('base64url');
  return [
    ['alg none', none],
    ['alg none, signature kept', `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.${signature}`],
    ['wrong key', await signed('HS256', 'not-the-secret-'.padEnd(48, 'z'), now, now + 300)],
    ['HS512 with the right key', await signed('HS512', FAULTS_JWT_SECRET, now, now + 300)],
    ['expired', await signed('HS256', FAULTS_JWT_SECRET, now - 600, now - 300)],
    ['access audience', await signed('HS256', FAULTS_JWT_SECRET, now, now + 300, 'access')],
    ['role edited after signing', `${header}.${escalated}.${signature}`],
    ['garbage', 'not.a.jwt'],
    ['empty', ''],
  ];
}
