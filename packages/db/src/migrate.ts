import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Database } from './schema.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Separates statements in a migration file (one statement per driver call). */
const STATEMENT_BREAK = /^-- statement\s*$/m;

/** Arbitrary constant: the advisory lock that makes concurrent start-ups migrate one at a time. */
const MIGRATION_LOCK_KEY = 72_001_337;

const schemaMigrations = pgTable('schema_migrations', {
  version: text('version').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface Migration {
  version: string;
  statements: string[];
}

/** Reads `NNNN_name.sql` files in version order. */
export async function readMigrations(directory = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(directory)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(directory, file), 'utf8');
      const statements = text
        .split(STATEMENT_BREAK)
        .map((statement) => statement.trim())
        .filter((statement) => statement.replace(/^--.*$/gm, '').trim() !== '');
      return { version: file.slice(0, -'.sql'.length), statements };
    }),
  );
}

/** Versions recorded as applied, in order. */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const rows = await db.select({ version: schemaMigrations.version }).from(schemaMigrations);
  return rows.map((row) => row.version).sort();
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its
 * own transaction, under an advisory lock so several API instances starting at
 * once apply each migration exactly once. Returns the versions it applied.
 */
export async function migrate(db: Database, migrations: Migration[]): Promise<string[]> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      const done = await tx
        .select({ version: schemaMigrations.version })
        .from(schemaMigrations)
        .where(eq(schemaMigrations.version, migration.version));
      if (done.length > 0) return false;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.insert(schemaMigrations).values({ version: migration.version });
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
