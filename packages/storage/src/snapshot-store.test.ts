import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestS3, type TestS3 } from '@codesync/testing';
import { afterAll, beforeAll } from 'vitest';
import { createFileSnapshotStore, createMemorySnapshotStore, createS3SnapshotStore } from './index.js';
import { describeSnapshotStoreContract } from './snapshot-store.contract.js';

let directory = '';
let s3: TestS3;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'cs-store-'));
  s3 = await startTestS3();
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  await s3.stop();
});

describeSnapshotStoreContract('memory', (options) => createMemorySnapshotStore(options));
describeSnapshotStoreContract('file system', (options) => createFileSnapshotStore(directory, options));
describeSnapshotStoreContract('S3 (s3rver over HTTP)', (options) =>
  createS3SnapshotStore(
    {
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
    options,
  ),
);
