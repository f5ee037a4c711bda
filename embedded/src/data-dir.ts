import { chmod, mkdir } from 'node:fs/promises';

/**
 * The data directory holds the database, the document log and snapshots, and
 * the JWT secret: only its owner may enter it (0700), whatever created it
 * before. Files inside are made 0600 by the process umask (main.ts).
 */
export async function secureDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
}

/** Files and folders this process creates are its owner's alone. */
export const PRIVATE_UMASK = 0o077;
