import { createDatabase } from '@codesync/db';
import { createTestDatabase, describeWithPostgres } from '@codesync/testing';
import { describeOutboxContract } from './outbox.contract.js';

describeOutboxContract('PGlite', () => createDatabase({ dataDir: 'memory://' }));

describeWithPostgres('PostgreSQL', () => {
  describeOutboxContract('PostgreSQL', async () => {
    const testDatabase = await createTestDatabase();
    const handle = await createDatabase({ url: testDatabase.url });
    return { ...handle, drop: () => testDatabase.drop() };
  });
});
