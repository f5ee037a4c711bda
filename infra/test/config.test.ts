import { describe, expect, it } from 'vitest';
import { environments } from '../src/config/environments.js';
import { loadEnvironments } from '../src/config/load.js';
import { InfraConfigError, missingOriginMessage, validateEnvironmentConfig, type EnvironmentInput } from '../src/config/schema.js';
import { devInput as dev, prodInput as prod } from './synthesized.js';

/** The problems validation reports for `config`, or [] when it passes. */
function problems(config: unknown): string[] {
  try {
    validateEnvironmentConfig(config);
    return [];
  } catch (error) {
    if (error instanceof InfraConfigError) return [...error.problems];
    throw error;
  }
}

const withService = (base: EnvironmentInput, patch: Partial<EnvironmentInput['services']['api']>) => ({
  ...base,
  services: { ...base.services, api: { ...base.services.api, ...patch } },
});

describe('environment config', () => {
  it('accepts the checked-in environments once their origin domain is set', () => {
    expect(environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    for (const env of [dev, prod]) expect(problems(env)).toEqual([]);
  });

  // Issue 16, finding 1: with no domain for the ALB, CloudFront reached it over plain HTTP.
  it('refuses an environment without an origin domain, saying what to set, instead of an HTTP origin', () => {
    for (const env of environments) expect(problems(env)).toEqual([`cdn.origin: ${missingOriginMessage}`]);
    expect(missingOriginMessage).toMatch(/set cdn\.origin .* in infra\/src\/config\/environments\.ts, or CODESYNC_ORIGIN_DOMAIN/);
    expect(missingOriginMessage).toContain('infra/README.md');
    // Still every problem at once.
    expect(problems({ ...environments[1], natGateways: 'single' })).toEqual([
      `cdn.origin: ${missingOriginMessage}`,
      'natGateways: prod needs one NAT gateway per zone',
    ]);
  });

  it('takes exactly one way to the origin certificate: a Route 53 zone or an ACM certificate', () => {
    const origin = (o: object) => problems({ ...dev, cdn: { ...dev.cdn, origin: { domainName: 'origin.example.com', ...o } } });
    const exactlyOne = 'cdn.origin: set exactly one of hostedZoneId (certificate issued and validated in Route 53) or certificateArn (existing certificate)';
    expect(origin({})).toEqual([exactlyOne]);
    expect(origin({ hostedZoneId: 'Z123', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' })).toEqual([exactlyOne]);
    expect(origin({ hostedZoneId: 'zone' })).toEqual([expect.stringMatching(/^cdn\.origin\.hostedZoneId: must be a Route 53 hosted zone id/)]);
    expect(problems({ ...dev, cdn: { ...dev.cdn, origin: { domainName: 'http://x', hostedZoneId: 'Z1' } } })).toEqual([
      'cdn.origin.domainName: must be a DNS name',
    ]);
  });

  it('rejects a Fargate memory size that does not fit the CPU, naming the allowed ones', () => {
    expect(problems(withService(dev, { cpu: 256, memory: 4096 }))).toEqual([
      'services.api.memory: 4096 MiB is not valid with cpu 256 (allowed: 512, 1024, 2048)',
    ]);
    expect(problems(withService(dev, { cpu: 300 }))[0]).toMatch(/^services\.api\.cpu: 300 is not a Fargate CPU size/);
  });

  it('rejects a minimum task count above the maximum', () => {
    expect(problems(withService(dev, { minCount: 5, maxCount: 3 }))).toEqual(['services.api.minCount: must not exceed maxCount (3)']);
  });

  it('rejects a VPC block that is not a /16', () => {
    expect(problems({ ...dev, vpcCidr: '10.0.0.0/24' })).toEqual(['vpcCidr: must be an IPv4 /16 block such as 10.0.0.0/16']);
    expect(problems({ ...dev, vpcCidr: '300.0.0.0/16' })).toEqual(['vpcCidr: has an octet above 255']);
  });

  it('rejects zones outside the region, duplicates, and the wrong count', () => {
    expect(problems({ ...dev, availabilityZones: ['us-east-1a', 'eu-west-1b'] })).toEqual([
      'availabilityZones.1: "eu-west-1b" is not a zone of us-east-1',
    ]);
    expect(problems({ ...dev, availabilityZones: ['us-east-1a', 'us-east-1a'] })).toEqual(['availabilityZones: zones must differ']);
    expect(problems({ ...dev, availabilityZones: ['us-east-1a'] })).toEqual(['availabilityZones: exactly two availability zones']);
  });

  it('rejects a log retention CloudWatch does not offer', () => {
    expect(problems({ ...dev, logRetentionDays: 10 })[0]).toMatch(/^logRetentionDays: must be one of CloudWatch's retention periods: 1, 3, 5/);
  });

  it('rejects keeping deleted snapshots longer than 30 days (thinned history must leave storage)', () => {
    expect(problems({ ...prod, snapshots: { ...prod.snapshots, noncurrentExpireAfterDays: 31 } })).toEqual([
      'snapshots.noncurrentExpireAfterDays: thinned and deleted snapshots must leave storage within 30 days',
    ]);
  });

  it('rejects backups shorter than 7 days and a cache shard without a replica', () => {
    expect(problems({ ...dev, database: { ...dev.database, backupRetentionDays: 1 } })).toEqual([
      'database.backupRetentionDays: must be at least 7 days',
    ]);
    expect(problems({ ...dev, cache: { ...dev.cache, replicasPerShard: 0 } })).toEqual([
      'cache.replicasPerShard: automatic failover needs a replica in every shard',
    ]);
  });

  it('holds prod to per-zone NAT, a Multi-AZ database and no data loss on destroy', () => {
    expect(problems({ ...prod, natGateways: 'single', allowDataLoss: true, database: { ...prod.database, multiAz: false } })).toEqual([
      'natGateways: prod needs one NAT gateway per zone',
      'database.multiAz: prod needs a Multi-AZ database',
      'allowDataLoss: prod must not allow data loss on destroy',
    ]);
  });

  it('rejects unknown keys (a typo never silently falls back to a default)', () => {
    expect(problems({ ...dev, natGateway: 'single' })[0]).toMatch(/natGateway/);
  });

  it('reports every problem at once in one readable message', () => {
    const error = (() => {
      try {
        validateEnvironmentConfig({ ...dev, alarmEmail: 'nobody', region: 'mars' });
      } catch (e) {
        return e as InfraConfigError;
      }
      throw new Error('expected a validation error');
    })();
    expect(error).toBeInstanceOf(InfraConfigError);
    expect(error.message).toContain('invalid infra config for "dev":');
    expect(error.message).toContain('alarmEmail: must be an email address');
    expect(error.message).toContain('region: must be an AWS region such as us-east-1');
  });

  it('checks a custom domain needs certificates in the right regions', () => {
    const customDomain = {
      aliases: ['codesync.example.com'],
      cloudfrontCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    };
    expect(problems({ ...prod, cdn: { ...prod.cdn, customDomain } })).toEqual([
      'cdn.customDomain.cloudfrontCertificateArn: must be an ACM certificate ARN in us-east-1',
    ]);
  });
});

describe('loadEnvironments', () => {
  const originShell = { CODESYNC_ORIGIN_DOMAIN: 'codesync.example.com', CODESYNC_ORIGIN_ZONE_ID: 'Z0123456789ABCDEFGHIJ' };

  it('lays the operator overrides over every environment', () => {
    const loaded = loadEnvironments({ ...originShell, CODESYNC_STATE_BUCKET: 'acme-tfstate', CODESYNC_ALARM_EMAIL: 'oncall@acme.test' });
    for (const env of loaded) {
      expect(env.state).toEqual({ bucket: 'acme-tfstate', region: 'us-east-1' });
      expect(env.alarmEmail).toBe('oncall@acme.test');
    }
  });

  it('keeps the defaults when only the origin is set', () => {
    const [loadedDev, loadedProd] = loadEnvironments(originShell);
    expect(loadedDev).toEqual(validateEnvironmentConfig({ ...environments[0], cdn: { ...environments[0]!.cdn, origin: loadedDev!.cdn.origin } }));
    expect(loadedProd?.state).toEqual(prod.state);
  });

  it('names each environment\'s origin under CODESYNC_ORIGIN_DOMAIN, by a zone or a wildcard certificate', () => {
    expect(loadEnvironments(originShell).map((e) => e.cdn.origin)).toEqual([
      { domainName: 'origin-dev.codesync.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
      { domainName: 'origin-prod.codesync.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
    ]);
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    const loaded = loadEnvironments({ CODESYNC_ORIGIN_DOMAIN: 'codesync.example.com', CODESYNC_ORIGIN_CERTIFICATE_ARN: certificateArn });
    expect(loaded.map((e) => e.cdn.origin.certificateArn)).toEqual([certificateArn, certificateArn]);
  });

  it('fails without an origin domain, naming what to set', () => {
    expect(() => loadEnvironments({})).toThrow(/cdn\.origin: CloudFront reaches the ALB over HTTPS only.*CODESYNC_ORIGIN_DOMAIN/);
    expect(() => loadEnvironments({ CODESYNC_ORIGIN_DOMAIN: 'codesync.example.com' })).toThrow(/set exactly one of hostedZoneId/);
  });

  it('validates the overrides', () => {
    expect(() => loadEnvironments({ ...originShell, CODESYNC_ALARM_EMAIL: 'not-an-email' })).toThrow(/alarmEmail: must be an email address/);
    expect(() => loadEnvironments({ ...originShell, CODESYNC_STATE_BUCKET: 'Bad_Bucket' })).toThrow(/state\.bucket: must be an S3 bucket name/);
  });
});
