import { describe, expect, it } from 'vitest';
import { subnetCidr } from '../src/cidr.js';
import { createNaming, fitName, nameLimits } from '../src/naming.js';

describe('naming', () => {
  it('prefixes names with project and environment', () => {
    const naming = createNaming('codesync', 'prod');
    expect(naming.name('loadBalancer', 'alb')).toBe('codesync-prod-alb');
    expect(naming.name('generic', 'Redis', 'us-east-1a')).toBe('codesync-prod-redis-us-east-1a');
  });

  it('fits long names into the limit with a stable hash, keeping near-identical names apart', () => {
    const naming = createNaming('codesync', 'staging1');
    const a = naming.name('targetGroup', 'collaboration-service-a');
    const b = naming.name('targetGroup', 'collaboration-service-b');
    expect(a.length).toBeLessThanOrEqual(nameLimits.targetGroup);
    expect(b.length).toBeLessThanOrEqual(nameLimits.targetGroup);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^codesync-staging1-collab.*-[0-9a-f]{4}$/);
    expect(naming.name('targetGroup', 'collaboration-service-a')).toBe(a);
  });

  it('never leaves double, leading or trailing hyphens', () => {
    expect(fitName('--a--b__c-', 32)).toBe('a-b-c');
    expect(fitName('x'.repeat(20) + '-' + 'y'.repeat(20), 25)).not.toMatch(/--/);
  });
});

describe('subnetCidr', () => {
  it('matches Terraform cidrsubnet', () => {
    expect(subnetCidr('10.0.0.0/16', 8, 0)).toBe('10.0.0.0/24');
    expect(subnetCidr('10.0.0.0/16', 8, 65)).toBe('10.0.65.0/24');
    expect(subnetCidr('10.0.0.0/16', 4, 2)).toBe('10.0.32.0/20');
    expect(subnetCidr('172.16.0.0/12', 4, 15)).toBe('172.31.0.0/16');
  });

  it('rejects impossible requests', () => {
    expect(() => subnetCidr('10.0.0.0/16', 20, 0)).toThrow(/no room/);
    expect(() => subnetCidr('10.0.0.0/16', 4, 16)).toThrow(/out of range/);
    expect(() => subnetCidr('10.0.0/16', 4, 0)).toThrow(/not an IPv4 CIDR/);
  });
});
