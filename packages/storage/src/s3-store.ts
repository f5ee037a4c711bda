import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  isVersionId,
  snapshotKey,
  versionTime,
  type Snapshot,
  type SnapshotStore,
  type SnapshotVersion,
} from './snapshot-store.js';
import { generateVersionId } from './version-ids.js';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers (s3rver, MinIO); unset on AWS. */
  endpoint?: string | undefined;
  forcePathStyle?: boolean;
  /** Test servers accept any key; on AWS the task role's credentials are used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createS3Client(options: S3StoreOptions): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: options.credentials,
    // S3-compatible servers don't all speak the flexible-checksum trailers: send plain bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Without these a request to a store that went away can hang for ever, and with it
    // the compaction waiting on it (the SDK retries a timed-out request by itself).
    requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
  });
}

/** Snapshots as objects `documents/<id>/snapshots/<version>.ydoc` in one bucket. */
export function createS3SnapshotStore(options: S3StoreOptions, client = createS3Client(options)): SnapshotStore {
  const { bucket } = options;

  async function listVersions(documentId: string): Promise<SnapshotVersion[]> {
    const prefix = snapshotKey(documentId);
    const versions: SnapshotVersion[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const id = object.Key?.slice(prefix.length, -'.ydoc'.length) ?? '';
        if (isVersionId(id)) versions.push({ id, sizeBytes: object.Size ?? 0, createdAt: versionTime(id) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return versions.sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  async function read(documentId: string, versionId: string): Promise<Uint8Array | null> {
    try {
      const object = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: snapshotKey(documentId, versionId) }),
      );
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  return {
    async save(documentId, data) {
      const id = generateVersionId();
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: snapshotKey(documentId, id),
          Body: data,
          ContentType: 'application/octet-stream',
        }),
      );
      return { id, sizeBytes: data.byteLength, createdAt: versionTime(id) };
    },
    async latest(documentId): Promise<Snapshot | null> {
      for (const version of await listVersions(documentId)) {
        const data = await read(documentId, version.id);
        if (data) return { ...version, data };
      }
      return null;
    },
    async get(documentId, versionId) {
      return isVersionId(versionId) ? read(documentId, versionId) : null;
    },
    list: listVersions,
    async deleteAll(documentId) {
      const versions = await listVersions(documentId);
      for (let i = 0; i < versions.length; i += 1000) {
        const batch = versions.slice(i, i + 1000);
        await client.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: batch.map((v) => ({ Key: snapshotKey(documentId, v.id) })) },
          }),
        );
      }
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
  };
}
