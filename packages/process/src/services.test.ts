import { describe, expect, it } from 'vitest';
import { reachServices } from './services.js';
import { StartupError } from './startup-failure.js';

describe('reachServices', () => {
  it('names the service, where it was looked for, why, and the variable; never the password', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const failing = reachServices({ databaseUrl: 'postgres://u:secret@db.internal/app' }, { database: () => Promise.reject(refused) });
    await expect(failing).rejects.toThrow(new StartupError('database at db.internal:5432 unreachable (ECONNREFUSED); check DATABASE_URL'));
  });

  it('gives up on a service that never answers, saying so', async () => {
    const silent = reachServices({ redisUrl: 'redis://cache:6380' }, { redis: () => new Promise(() => undefined) }, 50);
    await expect(silent).rejects.toThrow('Redis at cache:6380 unreachable (no answer within 0.05 s); check REDIS_URL');
  });

  it('says "no such bucket" for S3\'s bodiless 404', async () => {
    const notFound = Object.assign(new Error('UnknownError'), { $metadata: { httpStatusCode: 404 } });
    const s3 = { bucket: 'b1', endpoint: undefined, region: 'eu-west-1' };
    await expect(reachServices({ s3 }, { bucket: () => Promise.reject(notFound) })).rejects.toThrow(
      'S3 bucket "b1" at AWS eu-west-1 unreachable (no such bucket); check S3_BUCKET and S3_ENDPOINT',
    );
  });
});
