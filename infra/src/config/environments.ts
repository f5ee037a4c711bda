import type { EnvironmentInput } from './schema.js';

/**
 * The per-environment settings. Sizes differ; the topology does not: prod and
 * dev are the same stack class fed different values, never copies.
 * Account-specific values (state bucket, alarm email) are overridden from the
 * environment at synth time, see `load.ts`.
 *
 * Neither environment names its origin domain (`cdn.origin`): it is the
 * operator's DNS, so `pnpm synth` refuses until it is set here or in the shell
 * (`CODESYNC_ORIGIN_DOMAIN`, see load.ts and README "Origin domain").
 */
const shared = {
  project: 'codesync',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  vpcCidr: '10.0.0.0/16',
  state: { bucket: 'codesync-terraform-state', region: 'us-east-1' },
  alarmEmail: 'ops@example.com',
  albIdleTimeoutSeconds: 120,
} as const;

export const dev: EnvironmentInput = {
  ...shared,
  availabilityZones: [...shared.availabilityZones],
  state: { ...shared.state },
  name: 'dev',
  natGateways: 'single',
  logRetentionDays: 14,
  allowDataLoss: true,
  containerInsights: false,
  logLevel: 'debug',
  services: {
    api: { cpu: 256, memory: 512, minCount: 2, maxCount: 10, cpuTargetPercent: 60, memoryTargetPercent: 75 },
    sync: { cpu: 256, memory: 512, minCount: 2, maxCount: 10, cpuTargetPercent: 60, memoryTargetPercent: 75 },
  },
  database: {
    instanceClass: 'db.t4g.micro',
    engineVersion: '16',
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 50,
    multiAz: true,
    backupRetentionDays: 7,
    maxConnections: 80,
    passwordRotationDays: 30,
  },
  cache: { nodeType: 'cache.t4g.micro', engineVersion: '7.1', shards: 1, replicasPerShard: 1 },
  snapshots: { glacierAfterDays: 90, noncurrentExpireAfterDays: 7 },
  cdn: { priceClass: 'PriceClass_100' },
};

export const prod: EnvironmentInput = {
  ...shared,
  availabilityZones: [...shared.availabilityZones],
  state: { ...shared.state },
  name: 'prod',
  natGateways: 'per-az',
  logRetentionDays: 90,
  allowDataLoss: false,
  containerInsights: true,
  logLevel: 'info',
  services: {
    api: { cpu: 512, memory: 1024, minCount: 2, maxCount: 10, cpuTargetPercent: 60, memoryTargetPercent: 75 },
    sync: { cpu: 1024, memory: 2048, minCount: 2, maxCount: 10, cpuTargetPercent: 60, memoryTargetPercent: 75 },
  },
  database: {
    instanceClass: 'db.t4g.medium',
    engineVersion: '16',
    allocatedStorageGb: 50,
    maxAllocatedStorageGb: 500,
    multiAz: true,
    backupRetentionDays: 7,
    maxConnections: 350,
    passwordRotationDays: 30,
  },
  cache: { nodeType: 'cache.t4g.small', engineVersion: '7.1', shards: 2, replicasPerShard: 1 },
  snapshots: { glacierAfterDays: 90, noncurrentExpireAfterDays: 30 },
  cdn: { priceClass: 'PriceClass_All' },
};

export const environments: readonly EnvironmentInput[] = [dev, prod];
