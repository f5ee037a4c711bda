import { z } from 'zod';

/** CloudWatch Logs accepts only these retention periods (days). */
export const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Fargate task sizes: memory (MiB) allowed for each CPU value (units). */
export const fargateMemoryByCpu: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
};

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

const percent = z.number().int().min(10).max(95);

const serviceSchema = z
  .object({
    cpu: z.number().int(),
    memory: z.number().int(),
    minCount: z.number().int().min(1),
    maxCount: z.number().int().max(100),
    cpuTargetPercent: percent,
    memoryTargetPercent: percent,
  })
  .strict()
  .superRefine((svc, ctx) => {
    const allowed = fargateMemoryByCpu[svc.cpu];
    if (!allowed) {
      ctx.addIssue({
        code: 'custom',
        path: ['cpu'],
        message: `${svc.cpu} is not a Fargate CPU size (allowed: ${Object.keys(fargateMemoryByCpu).join(', ')})`,
      });
    } else if (!allowed.includes(svc.memory)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memory'],
        message: `${svc.memory} MiB is not valid with cpu ${svc.cpu} (allowed: ${allowed.join(', ')})`,
      });
    }
    if (svc.minCount > svc.maxCount) {
      ctx.addIssue({ code: 'custom', path: ['minCount'], message: `must not exceed maxCount (${svc.maxCount})` });
    }
  });

const cidr16 = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/, 'must be an IPv4 /16 block such as 10.0.0.0/16')
  .refine((v) => v.split('.').slice(0, 2).every((o) => Number(o) <= 255), 'has an octet above 255');

const dnsName = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a DNS name');

const customDomainSchema = z
  .object({
    /** Names CloudFront answers to, e.g. ["codesync.example.com"]. */
    aliases: z.array(dnsName).min(1),
    /** ACM certificate in us-east-1 covering the aliases (CloudFront only reads certificates there). */
    cloudfrontCertificateArn: z.string().regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/.+$/, 'must be an ACM certificate ARN in us-east-1'),
  })
  .strict();

/** What `pnpm synth` says when an environment has no origin domain: CloudFront never reaches the ALB over HTTP. */
export const missingOriginMessage =
  'CloudFront reaches the ALB over HTTPS only, which needs a DNS name for the ALB: ' +
  'set cdn.origin (domainName you control, with hostedZoneId of its Route 53 zone or certificateArn of an ACM certificate) ' +
  'in infra/src/config/environments.ts, or CODESYNC_ORIGIN_DOMAIN with CODESYNC_ORIGIN_ZONE_ID or CODESYNC_ORIGIN_CERTIFICATE_ARN in the shell; ' +
  'see "Origin domain" in infra/README.md';

/**
 * The name CloudFront reaches the ALB by, over HTTPS. The ALB's certificate is
 * either issued here, DNS-validated in a Route 53 hosted zone (which also gets
 * the alias record to the ALB), or an existing ACM certificate (the operator
 * points the name at the ALB).
 */
const originSchema = z
  .object({
    domainName: dnsName,
    /** Route 53 hosted zone containing domainName: the stack issues and validates the certificate and adds the alias. */
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ').optional(),
    /** ACM certificate in the stack's region covering domainName (e.g. a wildcard). */
    certificateArn: z.string().regex(/^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/, 'must be an ACM certificate ARN').optional(),
  })
  .strict()
  .refine((o) => (o.hostedZoneId === undefined) !== (o.certificateArn === undefined), {
    message: 'set exactly one of hostedZoneId (certificate issued and validated in Route 53) or certificateArn (existing certificate)',
  });

export type OriginConfig = z.infer<typeof originSchema>;

export const environmentConfigSchema = z
  .object({
    /** Environment name: part of every resource name and the stack id. */
    name: z.string().regex(/^[a-z][a-z0-9]{1,7}$/, 'must be 2-8 lowercase letters or digits, starting with a letter'),
    project: z.string().regex(/^[a-z][a-z0-9-]{1,11}$/, 'must be 2-12 lowercase letters, digits or hyphens'),
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1'),
    availabilityZones: z.array(z.string()).length(2, 'exactly two availability zones'),
    vpcCidr: cidr16,
    /** One NAT gateway for the VPC, or one per availability zone (survives an AZ outage). */
    natGateways: z.enum(['single', 'per-az']),
    state: z
      .object({
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
        region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region'),
      })
      .strict(),
    alarmEmail: z.email('must be an email address'),
    logRetentionDays: z.number().refine((d) => (logRetentionDays as readonly number[]).includes(d), {
      message: `must be one of CloudWatch's retention periods: ${logRetentionDays.join(', ')}`,
    }),
    /** Whether `cdktf destroy` may delete data (buckets with objects, the database without a final snapshot). */
    allowDataLoss: z.boolean(),
    /** ECS Container Insights (per-task metrics; billed as custom metrics). */
    containerInsights: z.boolean(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']),
    services: z.object({ api: serviceSchema, sync: serviceSchema }).strict(),
    database: z
      .object({
        instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class such as db.t4g.micro'),
        engineVersion: z.string().regex(/^1[4-8](\.\d+)?$/, 'must be a PostgreSQL version 14-18, e.g. "16" or "16.4"'),
        allocatedStorageGb: z.number().int().min(20).max(65536),
        maxAllocatedStorageGb: z.number().int().max(65536),
        multiAz: z.boolean(),
        backupRetentionDays: z.number().int().min(7, 'must be at least 7 days').max(35),
        maxConnections: z.number().int().min(20),
        /** Days between rotations of the RDS-managed master password (RDS's own default is 7). */
        passwordRotationDays: z.number().int().min(1).max(365),
      })
      .strict()
      .refine((db) => db.maxAllocatedStorageGb >= db.allocatedStorageGb, {
        path: ['maxAllocatedStorageGb'],
        message: 'must be at least allocatedStorageGb',
      }),
    cache: z
      .object({
        nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an ElastiCache node type such as cache.t4g.micro'),
        engineVersion: z.string().regex(/^[67]\.\d+$/, 'must be a Redis OSS version such as 7.1'),
        /** Node groups of the cluster (each a primary and its replicas); documents spread over them. */
        shards: z.number().int().min(1).max(10),
        replicasPerShard: z.number().int().min(1, 'automatic failover needs a replica in every shard').max(5),
      })
      .strict(),
    snapshots: z
      .object({
        glacierAfterDays: z.number().int().min(30, 'S3 only moves objects to Glacier after 30 days or more'),
        /** A thinned or deleted snapshot stays as a noncurrent S3 version this long, then is gone for good. */
        noncurrentExpireAfterDays: z
          .number()
          .int()
          .min(1)
          .max(30, 'thinned and deleted snapshots must leave storage within 30 days'),
      })
      .strict(),
    cdn: z
      .object({
        priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']),
        customDomain: customDomainSchema.optional(),
        /** Required: where the operator gives none, synth fails with missingOriginMessage. */
        origin: originSchema.optional(),
      })
      .strict(),
    /** Seconds the ALB keeps an idle connection; must exceed the sync service's WebSocket ping interval. */
    albIdleTimeoutSeconds: z.number().int().min(60).max(4000),
  })
  .strict()
  .superRefine((env, ctx) => {
    if (!env.cdn.origin) ctx.addIssue({ code: 'custom', path: ['cdn', 'origin'], message: missingOriginMessage });
    env.availabilityZones.forEach((az, i) => {
      if (!new RegExp(`^${env.region}[a-z]$`).test(az)) {
        ctx.addIssue({ code: 'custom', path: ['availabilityZones', i], message: `"${az}" is not a zone of ${env.region}` });
      }
    });
    if (new Set(env.availabilityZones).size !== env.availabilityZones.length) {
      ctx.addIssue({ code: 'custom', path: ['availabilityZones'], message: 'zones must differ' });
    }
    if (env.name === 'prod') {
      const rules: [boolean, (string | number)[], string][] = [
        [env.natGateways === 'per-az', ['natGateways'], 'prod needs one NAT gateway per zone'],
        [env.database.multiAz, ['database', 'multiAz'], 'prod needs a Multi-AZ database'],
        [!env.allowDataLoss, ['allowDataLoss'], 'prod must not allow data loss on destroy'],
      ];
      for (const [ok, path, message] of rules) if (!ok) ctx.addIssue({ code: 'custom', path, message });
    }
  })
  // Only reached without issues, so origin is there: the output type says so.
  .transform((env) => (env.cdn.origin ? { ...env, cdn: { ...env.cdn, origin: env.cdn.origin } } : z.NEVER));

export type EnvironmentConfig = z.output<typeof environmentConfigSchema>;
/** What `environments.ts` holds: a config the operator may still have to complete (cdn.origin). */
export type EnvironmentInput = z.input<typeof environmentConfigSchema>;
export type ServiceSizing = EnvironmentConfig['services']['api'];

/** A configuration problem, listing every bad field on one line each. */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
  constructor(
    readonly environment: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid infra config for "${environment}":\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validates one environment's config, reporting every problem at once. */
export function validateEnvironmentConfig(input: unknown): EnvironmentConfig {
  const result = environmentConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const label = typeof input === 'object' && input !== null && 'name' in input ? String(input.name) : '(unnamed)';
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new InfraConfigError(label, problems);
}
