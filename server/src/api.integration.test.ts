import { createDatabase } from '@codesync/db';
import {
  createTestDatabase,
  deleteRedisPrefix,
  describeWithPostgres,
  testRedisPrefix,
  testServices,
} from '@codesync/testing';
import { describeApiContract } from './test-support/api.contract.js';

// A fresh PostgreSQL database for this run, dropped after; sessions, rate
// limits and the bus in Redis under this run's own prefix when REDIS_URL is
// set (in process otherwise), as in distributed mode.
describeWithPostgres('distributed backends', () => {
  const redisUrl = testServices.redisUrl;
  const name = redisUrl ? 'PostgreSQL, Redis sessions' : 'PostgreSQL, in-process sessions';
  describeApiContract(name, async () => {
    const testDatabase = await createTestDatabase();
    const database = await createDatabase({ url: testDatabase.url });
    const prefix = testRedisPrefix();
    return {
      database,
      redis: redisUrl ? { url: redisUrl, prefix } : undefined,
      async close() {
        await database.close();
        await testDatabase.drop();
        await deleteRedisPrefix(prefix);
      },
    };
  });
});
