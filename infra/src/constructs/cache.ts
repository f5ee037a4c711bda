import { Construct } from 'constructs';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group/index.js';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group/index.js';
import type { EnvironmentConfig } from '../config/schema.js';
import type { Naming } from '../naming.js';

export interface CacheProps {
  naming: Naming;
  config: EnvironmentConfig['cache'];
  subnetIds: string[];
  securityGroupId: string;
  allowDataLoss: boolean;
}

/**
 * Redis (the cross-instance bus, sessions, rate limits): a primary and
 * replicas in different zones with automatic failover, TLS required in
 * transit (clients use `rediss://`), encrypted at rest.
 */
export class Cache extends Construct {
  static readonly port = 6379;
  readonly primaryEndpoint: string;
  readonly replicationGroupId: string;
  /** ElastiCache names member clusters `<group>-001`, `-002`, ...; alarms use them. */
  readonly memberClusterIds: string[];

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const { naming, config } = props;
    this.replicationGroupId = naming.name('elasticacheReplicationGroup', 'redis');
    const subnets = new ElasticacheSubnetGroup(this, 'subnets', {
      name: naming.name('generic', 'redis'),
      subnetIds: props.subnetIds,
      description: 'CodeSync private data subnets',
    });
    const group = new ElasticacheReplicationGroup(this, 'redis', {
      replicationGroupId: this.replicationGroupId,
      description: 'CodeSync sync bus, sessions and rate limits',
      engine: 'redis',
      engineVersion: config.engineVersion,
      nodeType: config.nodeType,
      numCacheClusters: config.nodes,
      port: Cache.port,
      parameterGroupName: `default.redis${config.engineVersion.split('.')[0]}`,
      subnetGroupName: subnets.name,
      securityGroupIds: [props.securityGroupId],
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      snapshotRetentionLimit: props.allowDataLoss ? 0 : 3,
      maintenanceWindow: 'sun:05:30-sun:06:30',
      autoMinorVersionUpgrade: 'true',
      applyImmediately: props.allowDataLoss,
    });
    this.primaryEndpoint = group.primaryEndpointAddress;
    this.memberClusterIds = Array.from(
      { length: config.nodes },
      (_, i) => `${this.replicationGroupId}-${String(i + 1).padStart(3, '0')}`,
    );
  }
}
