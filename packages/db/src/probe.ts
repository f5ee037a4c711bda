import pg from 'pg';

/**
 * One connection and `SELECT 1`, for start-up: throws the driver's own error
 * (ECONNREFUSED, ENOTFOUND, a bad password, a missing database) instead of the
 * migration query that would otherwise be the first to fail.
 */
export async function pingDatabase(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}
