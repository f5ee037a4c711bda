import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JWT_SECRET_FILE, resolveJwtSecret } from './index.js';

describe('resolveJwtSecret', () => {
  const directories: string[] = [];
  const dataDir = async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'cs-secret-'));
    directories.push(directory);
    return path.join(directory, 'data');
  };
  afterEach(async () => {
    await Promise.all(directories.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('uses JWT_SECRET when it is set', async () => {
    const secret = 's'.repeat(32);
    expect(await resolveJwtSecret({ jwtSecret: secret, databaseUrl: 'postgres://x', dataDir: '/nonexistent' })).toBe(secret);
  });

  it('generates one secret into DATA_DIR, private to the owner, and keeps it', async () => {
    const dir = await dataDir();
    const first = await resolveJwtSecret({ jwtSecret: undefined, databaseUrl: undefined, dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dir, JWT_SECRET_FILE))).mode & 0o777).toBe(0o600);
    const again = await Promise.all([1, 2, 3].map(() => resolveJwtSecret({ jwtSecret: undefined, databaseUrl: undefined, dataDir: dir })));
    expect(new Set([first, ...again]).size).toBe(1);
    expect((await readFile(path.join(dir, JWT_SECRET_FILE), 'utf8')).trim()).toBe(first);
  });

  it('refuses to invent a secret with a shared database, or use a short one', async () => {
    const dir = await dataDir();
    await expect(resolveJwtSecret({ jwtSecret: undefined, databaseUrl: 'postgres://x', dataDir: dir })).rejects.toThrow(/JWT_SECRET/);
    await resolveJwtSecret({ jwtSecret: undefined, databaseUrl: undefined, dataDir: dir });
    await writeFile(path.join(dir, JWT_SECRET_FILE), 'short\n');
    await expect(resolveJwtSecret({ jwtSecret: undefined, databaseUrl: undefined, dataDir: dir })).rejects.toThrow(/usable secret/);
  });
});
