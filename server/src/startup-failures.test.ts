import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStartupFailure, freePort, occupiedPort, runCompiledEntryPoint, startTestS3, type TestS3 } from '@codesync/testing';

// Each start-up failure an operator meets prints one line naming the cause and
// the variable to change, and exits 1. Before: a busy PORT printed an unhandled
// 'error' event's stack, and an unreachable DATABASE_URL printed "Failed query:
// CREATE TABLE IF NOT EXISTS schema_migrations" without saying the database could
// not be reached, where, or why.
describe('pnpm start:api failing to start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cs-api-startup-'));
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (env: Record<string, string>) => runCompiledEntryPoint('server', { DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env });

  it('says the port is in use and to set PORT', async () => {
    const taken = await occupiedPort();
    try {
      expectStartupFailure(await run({ PORT: String(taken.port) }), `codesync api failed to start: port ${taken.port} is in use; set PORT to a free port`);
    } finally {
      await taken.release();
    }
    // PGlite creates its database before the port is tried: slow on a busy machine.
  }, 120_000);

  it('names the database host and port, the reason and DATABASE_URL, never the password', async () => {
    const closed = await freePort();
    const result = await run({ DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${closed}/codesync`, JWT_SECRET: 'startup-failures-test-secret-0123456789' });
    expectStartupFailure(result, `codesync api failed to start: database at 127.0.0.1:${closed} unreachable (ECONNREFUSED); check DATABASE_URL`);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('names the Redis host and port, the reason and REDIS_URL, instead of retrying for ever', async () => {
    const closed = await freePort();
    expectStartupFailure(
      await run({ REDIS_URL: `redis://127.0.0.1:${closed}` }),
      `codesync api failed to start: Redis at 127.0.0.1:${closed} unreachable (ECONNREFUSED); check REDIS_URL`,
    );
  });

  it('says the bucket does not exist and to check S3_BUCKET and S3_ENDPOINT', async () => {
    const credentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    expectStartupFailure(
      await run({ S3_BUCKET: 'no-such-bucket', S3_ENDPOINT: s3.endpoint, ...credentials }),
      `codesync api failed to start: S3 bucket "no-such-bucket" at ${s3.endpoint} unreachable (no such bucket); check S3_BUCKET and S3_ENDPOINT`,
    );
  });
});
