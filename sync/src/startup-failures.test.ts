import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCompiledEntryPoint, startAppProcess, startTestS3, type TestS3 } from '@codesync/testing';

// Each start-up failure prints one line naming the cause and the variable to
// change, and exits 1. Before: a busy PORT printed an unhandled 'error' event's
// stack, and an unreachable REDIS_URL was retried silently for ever.
const JWT_SECRET = 'startup-failures-test-secret-0123456789';

describe('pnpm start:sync failing to start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cs-sync-startup-'));
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (env: Record<string, string>) => runCompiledEntryPoint('sync', { DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env });

  it('says the port is in use and to set PORT', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, () => resolve((holder.address() as { port: number }).port)));
    try {
      const result = await run({ PORT: String(port) });
      expect(result.stderr).toBe(`codesync sync failed to start: port ${port} is in use; set PORT to a free port\n`);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(1);
    } finally {
      holder.close();
    }
  });

  it('names the Redis host and port, the reason and REDIS_URL, instead of retrying for ever', async () => {
    const closed = await freePort();
    const result = await run({ REDIS_URL: `redis://127.0.0.1:${closed}`, JWT_SECRET });
    expect(result.stderr).toBe(`codesync sync failed to start: Redis at 127.0.0.1:${closed} unreachable (ECONNREFUSED); check REDIS_URL\n`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });

  it('names the S3 endpoint, the reason and S3_BUCKET / S3_ENDPOINT when storage cannot be reached', async () => {
    const closed = await freePort();
    const endpoint = `http://127.0.0.1:${closed}`;
    const result = await run({ S3_BUCKET: s3.bucket, S3_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    expect(result.stderr).toBe(
      `codesync sync failed to start: S3 bucket "${s3.bucket}" at ${endpoint} unreachable (ECONNREFUSED); check S3_BUCKET and S3_ENDPOINT\n`,
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });

  it('starts when the bucket answers (the check itself is not what fails)', async () => {
    const app = await startAppProcess({
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { DATA_DIR: dataDir, S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
      healthPath: '/socket/health',
    });
    expect(await app.stop()).toBe(0);
  });
});
