import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStartupFailure, freePort, occupiedPort, runCompiledEntryPoint, startAppProcess, startTestS3 } from '@codesync/testing';

// Each start-up failure prints one line naming the cause and the variable to
// change, and exits 1. Before: a busy PORT printed an unhandled 'error' event's
// stack, and an unreachable REDIS_URL was retried silently for ever.
const s3Credentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

describe('pnpm start:sync failing to start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cs-sync-startup-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = (env: Record<string, string>) => runCompiledEntryPoint('sync', { DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env });

  it('says the port is in use and to set PORT', async () => {
    const taken = await occupiedPort();
    try {
      expectStartupFailure(await run({ PORT: String(taken.port) }), `codesync sync failed to start: port ${taken.port} is in use; set PORT to a free port`);
    } finally {
      await taken.release();
    }
  });

  it('names the Redis host and port, the reason and REDIS_URL, instead of retrying for ever', async () => {
    const closed = await freePort();
    expectStartupFailure(
      await run({ REDIS_URL: `redis://127.0.0.1:${closed}`, JWT_SECRET: 'startup-failures-test-secret-0123456789' }),
      `codesync sync failed to start: Redis at 127.0.0.1:${closed} unreachable (ECONNREFUSED); check REDIS_URL`,
    );
  });

  it('names the S3 endpoint, the reason and S3_BUCKET / S3_ENDPOINT when storage cannot be reached', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    expectStartupFailure(
      await run({ S3_BUCKET: 'codesync-test', S3_ENDPOINT: endpoint, ...s3Credentials }),
      `codesync sync failed to start: S3 bucket "codesync-test" at ${endpoint} unreachable (ECONNREFUSED); check S3_BUCKET and S3_ENDPOINT`,
    );
  });

  it('starts when the bucket answers (the check itself is not what fails)', async () => {
    const s3 = await startTestS3();
    try {
      const app = await startAppProcess({
        cwd: path.resolve(import.meta.dirname, '..'),
        env: { DATA_DIR: dataDir, S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.endpoint, ...s3Credentials },
        healthPath: '/socket/health',
      });
      expect(await app.stop()).toBe(0);
    } finally {
      await s3.stop();
    }
  });
});
