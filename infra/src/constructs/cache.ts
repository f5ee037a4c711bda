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
 * Redis (the cross-instance bus, sessions, rate limits) in cluster mode:
 * `shards` node groups, each a primary and `replicasPerShard` replicas in
 * different zones with automatic failover; TLS required in transit (clients
 * use `rediss://` and REDIS_CLUSTER=true against the configuration
 * endpoint), encrypted at rest. Every document's keys share a hash tag, so
 * documents spread over the shards and each command stays in one slot.
 */
export class Cache extends Construct {
  static readonly port = 6379;
  /** Where a cluster client first asks for the slot map. */
  readonly configurationEndpoint: string;
  readonly replicationGroupId: string;
  /** ElastiCache names a cluster's members `<group>-<shard 0001..>-<node 001..>`; alarms use them. */
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
      clusterMode: 'enabled',
      numNodeGroups: config.shards,
      replicasPerNodeGroup: config.replicasPerShard,
      port: Cache.port,
      parameterGroupName: `default.redis${config.engineVersion.split('.')[0]}.cluster.on`,
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
    this.configurationEndpoint = group.configurationEndpointAddress;
    this.memberClusterIds = Array.from({ length: config.shards }, (_, shard) =>
      Array.from(
        { length: config.replicasPerShard + 1 },
        (_, node) => `${this.replicationGroupId}-${String(shard + 1).padStart(4, '0')}-${String(node + 1).padStart(3, '0')}`,
      ),
    ).flat();
  }
}
