import { Construct } from 'constructs';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import type { Naming } from '../naming.js';

export interface ClusterProps {
  naming: Naming;
  containerInsights: boolean;
}

/** The ECS cluster both Fargate services run in. */
export class Cluster extends Construct {
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    this.name = props.naming.name('ecsCluster', 'cluster');
    const cluster = new EcsCluster(this, 'cluster', {
      name: this.name,
      setting: [{ name: 'containerInsights', value: props.containerInsights ? 'enabled' : 'disabled' }],
    });
    this.arn = cluster.arn;
  }
}
