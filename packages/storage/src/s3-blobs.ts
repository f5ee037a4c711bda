import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { BlobEntry, BlobStore } from './blob-store.js';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers (s3rver, MinIO); unset on AWS. */
  endpoint?: string | undefined;
  forcePathStyle?: boolean;
  /** Test servers accept any key; on AWS the task role's credentials are used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** S3 accepts at most this many keys in one DeleteObjects request. */
const DELETE_BATCH = 1000;

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

/** Objects in one bucket. */
export function createS3Blobs(options: S3StoreOptions, client = createS3Client(options)): BlobStore {
  const { bucket } = options;

  async function listUnder(prefix: string, delimiter: string | undefined): Promise<BlobEntry[]> {
    const entries: BlobEntry[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) entries.push({ key: object.Key, sizeBytes: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return entries;
  }

  async function remove(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }

  return {
    async put(key, data) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentType: 'application/octet-stream' }),
      );
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    list: (prefix) => listUnder(prefix, '/'),
    keys: async (prefix) => (await listUnder(prefix, '/')).map((entry) => entry.key),
    remove,
    async removeAll(prefix) {
      await remove((await listUnder(prefix, undefined)).map((entry) => entry.key));
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
  };
}
