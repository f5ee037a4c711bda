import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migrate, readMigrations } from './migrate.js';
import { schema, type Database } from './schema.js';

/** The drizzle handle the app uses; the same API over node-postgres and PGlite. */
export type { Database } from './schema.js';

export type DatabaseOptions =
  /** PostgreSQL (distributed mode). */
  | { url: string; maxConnections?: number; onPoolError?: (error: Error) => void }
  /** PGlite in this directory (embedded mode); `memory://` keeps it in memory (tests). */
  | { dataDir: string };

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Throws if the database cannot answer a trivial query. */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date before returning. */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = 'url' in options ? openPostgres(options) : await openPglite(options.dataDir);
  try {
    await migrate(handle.db, await readMigrations());
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function openPostgres(options: Extract<DatabaseOptions, { url: string }>): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // An idle client losing its connection must not crash the process: the pool
  // replaces it, and the owner decides whether to log it.
  pool.on('error', (error) => options.onPoolError?.(error));
  const db: Database = drizzlePg(pool, { schema });
  return {
    db,
    kind: 'postgres',
    check: () => db.execute(sql`SELECT 1`).then(() => undefined),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db: Database = drizzlePglite(client, { schema });
  return {
    db,
    kind: 'pglite',
    check: () => db.execute(sql`SELECT 1`).then(() => undefined),
    close: () => client.close(),
  };
}
