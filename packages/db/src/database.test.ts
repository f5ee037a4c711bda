import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@codesync/testing';
import {
  appliedMigrations,
  createDatabase,
  documentMembers,
  documents,
  migrate,
  readMigrations,
  users,
  type DatabaseHandle,
} from './index.js';

function describeDatabaseContract(name: string, open: () => Promise<DatabaseHandle>): void {
  describe(`database on ${name}`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await open();
    }, 90_000);
    afterAll(() => handle.close());

    it('applies every migration file once and records it', async () => {
      const files = await readMigrations();
      expect(await appliedMigrations(handle.db)).toEqual(files.map((m) => m.version));
      expect(await migrate(handle.db, files)).toEqual([]);
      await handle.check();
    });

    it('applies only new migrations, statement by statement', async () => {
      const directory = await mkdtemp(path.join(tmpdir(), 'cs-migrations-'));
      try {
        await writeFile(
          path.join(directory, '9001_extra.sql'),
          '-- a later migration\nCREATE TABLE extra_a (id int);\n-- statement\nCREATE TABLE extra_b (id int);\n',
        );
        expect(await migrate(handle.db, await readMigrations(directory))).toEqual(['9001_extra']);
        expect(await migrate(handle.db, await readMigrations(directory))).toEqual([]);
        await handle.db.execute(sql`INSERT INTO extra_b (id) VALUES (1)`);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });

    it('cascades a document deletion to its members', async () => {
      const userId = randomUUID();
      const documentId = randomUUID();
      await handle.db.insert(users).values({ id: userId, email: `${userId}@x.test`, name: 'A', passwordHash: 'h' });
      await handle.db.insert(documents).values({ id: documentId, ownerId: userId, title: 't', language: 'go' });
      await handle.db.insert(documentMembers).values({ documentId, userId, role: 'owner' });
      await handle.db.delete(documents).where(eq(documents.id, documentId));
      const left = await handle.db.select().from(documentMembers).where(eq(documentMembers.documentId, documentId));
      expect(left).toEqual([]);
    });
  });
}

describeDatabaseContract('PGlite in memory', () => createDatabase({ dataDir: 'memory://' }));

let testDatabase: TestDatabase | undefined;
describeWithPostgres('on PostgreSQL', () => {
  afterAll(() => testDatabase?.drop());
  describeDatabaseContract('PostgreSQL', async () => {
    testDatabase = await createTestDatabase();
    return createDatabase({ url: testDatabase.url });
  });
});

describe('PGlite on disk', () => {
  it('keeps its data across a reopen', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'cs-pglite-'));
    try {
      await mkdir(directory, { recursive: true });
      const first = await createDatabase({ dataDir: path.join(directory, 'db') });
      const id = randomUUID();
      await first.db.insert(users).values({ id, email: 'kept@x.test', name: 'Kept', passwordHash: 'h' });
      await first.close();
      const second = await createDatabase({ dataDir: path.join(directory, 'db') });
      const rows = await second.db.select().from(users).where(eq(users.id, id));
      await second.close();
      expect(rows.map((r) => r.email)).toEqual(['kept@x.test']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 90_000);
});
