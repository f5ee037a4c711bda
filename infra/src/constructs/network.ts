import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import { subnetCidr } from '../cidr.js';
import type { Naming } from '../naming.js';

export interface NetworkProps {
  naming: Naming;
  region: string;
  cidr: string;
  availabilityZones: readonly string[];
  natGateways: 'single' | 'per-az';
}

/** Subnet tiers: block index (per zone) into the /16, and the prefix length. */
const tiers = {
  // 10.0.0.0/24, 10.0.1.0/24: the ALB and the NAT gateways.
  public: { newBits: 8, firstIndex: 0 },
  // 10.0.16.0/20, 10.0.32.0/20: Fargate tasks, room for thousands of ENIs.
  app: { newBits: 4, firstIndex: 1 },
  // 10.0.64.0/24, 10.0.65.0/24: RDS and ElastiCache, no route out of the VPC.
  data: { newBits: 8, firstIndex: 64 },
} as const;

type Tier = keyof typeof tiers;

/**
 * The VPC over two zones: public subnets behind an internet gateway, private
 * app subnets reaching out through NAT, private data subnets with no internet
 * route at all. S3 traffic from the app tier skips NAT via a gateway endpoint.
 */
export class Network extends Construct {
  readonly vpcId: string;
  readonly subnetIds: Record<Tier, string[]>;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { naming, cidr, availabilityZones } = props;
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: naming.name('generic', 'vpc') },
    });
    this.vpcId = vpc.id;
    // Take the default group's rules away so nothing lands in an open group by accident.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: vpc.id, tags: { Name: naming.name('generic', 'default-closed') } });

    const subnets = (tier: Tier) =>
      availabilityZones.map(
        (az, i) =>
          new Subnet(this, `${tier}-${i}`, {
            vpcId: vpc.id,
            availabilityZone: az,
            cidrBlock: subnetCidr(cidr, tiers[tier].newBits, tiers[tier].firstIndex + i),
            mapPublicIpOnLaunch: false,
            tags: { Name: naming.name('generic', tier, az), Tier: tier },
          }),
      );
    const publicSubnets = subnets('public');
    const appSubnets = subnets('app');
    const dataSubnets = subnets('data');
    this.subnetIds = {
      public: publicSubnets.map((s) => s.id),
      app: appSubnets.map((s) => s.id),
      data: dataSubnets.map((s) => s.id),
    };

    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: naming.name('generic', 'igw') } });
    const publicTable = new RouteTable(this, 'public-rt', { vpcId: vpc.id, tags: { Name: naming.name('generic', 'public') } });
    new Route(this, 'public-internet', { routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-rta-${i}`, { subnetId: s.id, routeTableId: publicTable.id }));

    const natCount = props.natGateways === 'per-az' ? availabilityZones.length : 1;
    const nats = Array.from({ length: natCount }, (_, i) => {
      const eip = new Eip(this, `nat-eip-${i}`, { domain: 'vpc', tags: { Name: naming.name('generic', 'nat', String(i)) } });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[i]?.id ?? '',
        tags: { Name: naming.name('generic', 'nat', String(i)) },
        dependsOn: [igw],
      });
    });

    const appTables = appSubnets.map((s, i) => {
      const table = new RouteTable(this, `app-rt-${i}`, { vpcId: vpc.id, tags: { Name: naming.name('generic', 'app', String(i)) } });
      const nat = nats[Math.min(i, nats.length - 1)];
      new Route(this, `app-nat-${i}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat?.id ?? '' });
      new RouteTableAssociation(this, `app-rta-${i}`, { subnetId: s.id, routeTableId: table.id });
      return table;
    });

    // Data tier: local routes only. RDS and ElastiCache never need the internet.
    const dataTable = new RouteTable(this, 'data-rt', { vpcId: vpc.id, tags: { Name: naming.name('generic', 'data') } });
    dataSubnets.forEach((s, i) => new RouteTableAssociation(this, `data-rta-${i}`, { subnetId: s.id, routeTableId: dataTable.id }));

    new VpcEndpoint(this, 's3-endpoint', {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: appTables.map((t) => t.id),
      tags: { Name: naming.name('generic', 's3-endpoint') },
    });
  }
}
