import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createS3SnapshotStore, type SnapshotStore } from '@codesync/storage';
import S3rver from 's3rver';
import { freePort } from '@codesync/testing';

export interface RestartableS3 {
  endpoint: string;
  bucket: string;
  /** A snapshot store on this server, as the apps configure it. */
  store(): SnapshotStore;
  /** The server goes away: connections refused until `start`. */
  stop(): Promise<void>;
  /** Back on the same port, with the objects it had. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * s3rver (a real S3 HTTP API) on a fixed loopback port and directory, so it
 * can be stopped and started again with its data: a storage outage.
 */
export async function startRestartableS3(bucket = 'faults-snapshots'): Promise<RestartableS3> {
  const port = await freePort();
  const directory = await mkdtemp(path.join(tmpdir(), 'cs-faults-s3-'));
  const endpoint = `http://127.0.0.1:${port}`;
  let server: S3rver | undefined;

  async function start(): Promise<void> {
    const created = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
    await created.run();
    server = created;
  }
  async function stop(): Promise<void> {
    const closing = server?.close();
    // Like a crashed server: drop keep-alive connections too. Without this,
    // close() waits for clients that keep reusing them (compaction retries
    // arrive faster than the keep-alive timeout) and the outage never begins.
    server?.httpServer?.closeAllConnections();
    await closing;
    server = undefined;
  }

  await start();
  return {
    endpoint,
    bucket,
    store: () =>
      createS3SnapshotStore({
        bucket,
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
    stop,
    start,
    async destroy() {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
