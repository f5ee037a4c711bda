import { Redis } from 'ioredis';

/**
 * One connection attempt and a PING, for start-up. The bus's own clients retry
 * for ever (right for a running process riding out a failover); at start-up an
 * unreachable Redis must be reported, not waited on. Throws the socket's error
 * (ECONNREFUSED, ENOTFOUND, ETIMEDOUT) or Redis's (WRONGPASS, NOAUTH).
 */
export async function pingRedis(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
  });
  // ioredis rejects connect() with a bare "Connection is closed."; the cause came as an event.
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}
