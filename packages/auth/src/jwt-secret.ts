import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface JwtSecretSource {
  /** JWT_SECRET, if set. */
  jwtSecret: string | undefined;
  /** DATABASE_URL, if set: distributed instances must share a configured secret. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * The HS256 secret every process of one installation signs and verifies with:
 * JWT_SECRET when set; in embedded mode, one generated on first start into
 * `DATA_DIR/jwt-secret` (mode 0600) and read back on every later start, so
 * tokens survive restarts and the API and sync share it.
 */
export async function resolveJwtSecret(source: JwtSecretSource): Promise<string> {
  if (source.jwtSecret) return source.jwtSecret;
  if (source.databaseUrl) throw new Error('JWT_SECRET is required when DATABASE_URL is set');
  const file = path.join(source.dataDir, JWT_SECRET_FILE);
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(source.dataDir, { recursive: true });
  try {
    // 'wx' fails if another process created it first; then theirs wins.
    await writeFile(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = await readSecret(file);
  if (!created) throw new Error(`${file} holds no usable secret (at least 32 characters)`);
  return created;
}

async function readSecret(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (at least 32 characters)`);
  return secret;
}
