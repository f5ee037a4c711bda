import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTokenService } from '@codesync/auth';

/**
 * What every reference-server fixture shares with CodeSync: the port, the
 * Redis URL and prefix, the document tokens (same secret, same check), and a
 * file per document under DATA_DIR so a room can unload and load again cold.
 */
export interface FixtureEnv {
  port: number;
  redisUrl: string | undefined;
  redisPrefix: string;
  /** Resolves when the token is valid for this document; rejects otherwise. */
  authorize(token: string | null, documentId: string): Promise<void>;
  load(documentId: string): Uint8Array | null;
  save(documentId: string, state: Uint8Array): void;
}

export function readFixtureEnv(env: NodeJS.ProcessEnv): FixtureEnv {
  const secret = env.JWT_SECRET;
  const dataDir = env.DATA_DIR;
  if (!secret || !dataDir || !env.PORT) throw new Error('fixture needs PORT, JWT_SECRET and DATA_DIR');
  const tokens = createTokenService({ secret });
  const dir = path.join(dataDir, 'docs');
  mkdirSync(dir, { recursive: true });
  const file = (documentId: string) => path.join(dir, `${encodeURIComponent(documentId)}.bin`);
  return {
    port: Number(env.PORT),
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_KEY_PREFIX ?? 'bench:',
    async authorize(token, documentId) {
      if (!token) throw new Error('no token');
      const verified = await tokens.verifyDocument(token);
      if (verified.documentId !== documentId) throw new Error('token for another document');
    },
    load(documentId) {
      try {
        return readFileSync(file(documentId));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    save(documentId, state) {
      const target = file(documentId);
      writeFileSync(`${target}.tmp`, state);
      renameSync(`${target}.tmp`, target);
    },
  };
}
