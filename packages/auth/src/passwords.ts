import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt, memory-hard: N=2^17, r=8, p=1 (OWASP's floor for scrypt) → 128 MiB
 * and a few hundred ms per hash. Hashes made at a lower cost are re-made on the
 * next successful login (`needsRehash`).
 */
export const DEFAULT_PASSWORD_COST: ScryptOptions = { N: 2 ** 17, r: 8, p: 1 };
/** Node refuses scrypt above maxmem; 128·N·r bytes plus headroom for the largest cost we accept. */
const MAX_MEMORY = 256 * 1024 * 1024;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Returns `scrypt$N$r$p$salt$hash` (base64url), self-describing so the cost can be raised later. */
export async function hashPassword(password: string, cost: ScryptOptions = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The stored hash was made with another cost than `cost` (or another scheme): hash the password again. */
export function needsRehash(stored: string, cost: ScryptOptions = DEFAULT_PASSWORD_COST): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== cost.N || Number(r) !== cost.r || Number(p) !== cost.p;
}

/**
 * A hash of a password nobody has, at `cost`, checked when a login names an
 * unknown email so that answering takes as long as for a real account.
 */
const decoys = new Map<string, Promise<string>>();
export function decoyPasswordHash(cost: ScryptOptions = DEFAULT_PASSWORD_COST): Promise<string> {
  const key = `${cost.N}:${cost.r}:${cost.p}`;
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = hashPassword(randomBytes(16).toString('hex'), cost);
    decoys.set(key, decoy);
  }
  return decoy;
}
