import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import type { Naming } from '../naming.js';

export interface SecurityGroupsProps {
  naming: Naming;
  vpcId: string;
  apiPort: number;
  syncPort: number;
  /** The AWS-managed prefix list of CloudFront's origin-facing addresses: the only sources of the ALB. */
  cloudfrontPrefixListId: string;
  /** The ALB listener port CloudFront uses: 443 with a certificate, else 80. */
  albPort: number;
}

const postgresPort = 5432;
const redisPort = 6379;

type Group = 'alb' | 'api' | 'sync' | 'database' | 'cache';
type Peer = { group: Group } | { cidr: string } | { prefixList: string };

/**
 * Who may talk to whom, one rule per resource so every opening is visible:
 * only CloudFront reaches the ALB (its origin-facing prefix list, one port:
 * the list weighs 55 of a group's 60 rules); the ALB reaches only the
 * service ports; only the API reaches Postgres; both services reach Redis.
 * Services may call out on 443 (ECR, Secrets Manager, CloudWatch, S3).
 */
export class SecurityGroups extends Construct {
  readonly ids: Record<Group, string>;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const { naming, vpcId, apiPort, syncPort } = props;
    const descriptions: Record<Group, string> = {
      alb: 'CodeSync load balancer: from CloudFront only',
      api: 'CodeSync API tasks',
      sync: 'CodeSync sync tasks',
      database: 'CodeSync PostgreSQL',
      cache: 'CodeSync Redis',
    };
    const groups = Object.fromEntries(
      (Object.keys(descriptions) as Group[]).map((g) => [
        g,
        new SecurityGroup(this, g, {
          name: naming.name('securityGroup', g),
          description: descriptions[g],
          vpcId,
          tags: { Name: naming.name('securityGroup', g) },
        }),
      ]),
    ) as Record<Group, SecurityGroup>;
    this.ids = Object.fromEntries(Object.entries(groups).map(([g, sg]) => [g, sg.id])) as Record<Group, string>;

    const peer = (p: Peer) => {
      if ('cidr' in p) return { cidrIpv4: p.cidr };
      if ('prefixList' in p) return { prefixListId: p.prefixList };
      return { referencedSecurityGroupId: groups[p.group].id };
    };
    const nameOf = (p: Peer) => ('cidr' in p ? 'internet' : 'prefixList' in p ? 'cloudfront' : p.group);
    const allow = (to: Group, from: Peer, port: number, why: string) => {
      const name = nameOf(from);
      new VpcSecurityGroupIngressRule(this, `${to}-in-${name}-${port}`, {
        securityGroupId: groups[to].id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description: why,
        ...peer(from),
      });
    };
    const allowOut = (from: Group, to: Peer, port: number, why: string) => {
      const name = nameOf(to);
      new VpcSecurityGroupEgressRule(this, `${from}-out-${name}-${port}`, {
        securityGroupId: groups[from].id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description: why,
        ...peer(to),
      });
    };
    const internet = { cidr: '0.0.0.0/0' };

    // Anyone else could bypass CloudFront, and with it the client address the API trusts (TRUST_PROXY=2).
    allow('alb', { prefixList: props.cloudfrontPrefixListId }, props.albPort, 'CloudFront origin-facing addresses only');
    allowOut('alb', { group: 'api' }, apiPort, 'to API tasks');
    allowOut('alb', { group: 'sync' }, syncPort, 'to sync tasks');

    allow('api', { group: 'alb' }, apiPort, 'from the ALB');
    allow('sync', { group: 'alb' }, syncPort, 'from the ALB');
    for (const svc of ['api', 'sync'] as const) {
      allowOut(svc, internet, 443, 'AWS APIs and ECR over HTTPS');
      allowOut(svc, { group: 'cache' }, redisPort, 'Redis');
      allow('cache', { group: svc }, redisPort, `Redis from ${svc} tasks`);
    }
    allowOut('api', { group: 'database' }, postgresPort, 'PostgreSQL');
    allow('database', { group: 'api' }, postgresPort, 'PostgreSQL from API tasks');
  }
}
