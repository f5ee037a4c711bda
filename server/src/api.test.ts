import { createDatabase } from '@codesync/db';
import { describeApiContract } from './test-support/api.contract.js';

// One in-memory PGlite for the whole file (it takes seconds to start); sessions,
// rate limits and the bus in process, as in embedded mode.
describeApiContract('PGlite, in-process sessions', async () => {
  const database = await createDatabase({ dataDir: 'memory://' });
  return { database, close: () => database.close() };
});
