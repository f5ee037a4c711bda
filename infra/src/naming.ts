import { createHash } from 'node:crypto';

/** Name-length limits of the AWS resources this stack names (characters). */
export const nameLimits = {
  loadBalancer: 32,
  targetGroup: 32,
  elasticacheReplicationGroup: 40,
  rdsIdentifier: 63,
  // bucket_prefix allows 37; the stack appends a hyphen before S3's unique suffix.
  s3BucketPrefix: 36,
  iamRole: 64,
  ecsCluster: 255,
  cloudfrontFunction: 64,
  securityGroup: 255,
  generic: 255,
} as const;

export type NameKind = keyof typeof nameLimits;

/**
 * Builds `<project>-<env>-<parts>` names and fits them into AWS's limits.
 * A name that is too long is cut and given a 4-character hash of the full name,
 * so two long names that share a prefix still differ.
 */
export interface Naming {
  readonly project: string;
  readonly environment: string;
  readonly prefix: string;
  name(kind: NameKind, ...parts: string[]): string;
}

export function createNaming(project: string, environment: string): Naming {
  const prefix = `${project}-${environment}`;
  return {
    project,
    environment,
    prefix,
    name: (kind, ...parts) => fitName([prefix, ...parts].join('-'), nameLimits[kind]),
  };
}

/** Lower-cases, collapses repeated hyphens, and shortens `name` to `max` characters. */
export function fitName(name: string, max: number): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
  if (clean.length <= max) return clean;
  const hash = createHash('sha256').update(clean).digest('hex').slice(0, 4);
  const head = clean.slice(0, max - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
