import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import type { EnvironmentConfig } from '../config/schema.js';
import type { Naming } from '../naming.js';

export interface PrivateBucketProps {
  naming: Naming;
  purpose: string;
  versioned: boolean;
  forceDestroy: boolean;
}

/**
 * An S3 bucket nobody can make public: all four public-access-block flags,
 * ACLs disabled, SSE-S3 with bucket keys. The name is a prefix; S3 appends a
 * unique suffix because bucket names are global.
 */
export class PrivateBucket extends Construct {
  readonly bucketName: string;
  readonly arn: string;
  readonly regionalDomainName: string;
  readonly bucketId: string;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, 'bucket', {
      bucketPrefix: `${props.naming.name('s3BucketPrefix', props.purpose)}-`,
      forceDestroy: props.forceDestroy,
    });
    const dependsOn = [
      new S3BucketPublicAccessBlock(this, 'public-access-block', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
    ];
    new S3BucketOwnershipControls(this, 'ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
      dependsOn,
    });
    if (props.versioned) {
      new S3BucketVersioningA(this, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    }
    this.bucketName = bucket.bucket;
    this.bucketId = bucket.id;
    this.arn = bucket.arn;
    this.regionalDomainName = bucket.bucketRegionalDomainName;
  }
}

export interface StorageProps {
  naming: Naming;
  snapshots: EnvironmentConfig['snapshots'];
  allowDataLoss: boolean;
}

/**
 * The document snapshot bucket and the bucket the web app is served from
 * through CloudFront. Snapshots are versioned, so a delete (history thinning,
 * a deleted document) leaves a noncurrent copy: it expires after at most 30
 * days, and the delete marker left alone after it is removed too. Old current
 * objects (the daily versions thinning keeps) move to Glacier Instant
 * Retrieval, so reading or restoring one stays a plain GET.
 */
export class Storage extends Construct {
  readonly snapshots: PrivateBucket;
  readonly web: PrivateBucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const { naming, allowDataLoss } = props;
    this.snapshots = new PrivateBucket(this, 'snapshots', { naming, purpose: 'snapshots', versioned: true, forceDestroy: allowDataLoss });
    this.web = new PrivateBucket(this, 'web', { naming, purpose: 'web', versioned: false, forceDestroy: true });

    const s = props.snapshots;
    new S3BucketLifecycleConfiguration(this, 'snapshots-lifecycle', {
      bucket: this.snapshots.bucketId,
      rule: [
        {
          id: 'snapshots-to-glacier',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: [{ days: s.glacierAfterDays, storageClass: 'GLACIER_IR' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        {
          // Glacier IR bills 90 days at least, so deleted versions expire from Standard instead of moving.
          id: 'deleted-snapshots-expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: s.noncurrentExpireAfterDays }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
    });
  }
}
