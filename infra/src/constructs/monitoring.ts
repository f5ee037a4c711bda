import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js';
import type { Naming } from '../naming.js';

export interface MonitoredService {
  name: string;
  serviceName: string;
  targetGroupArnSuffix: string;
}

export interface MonitoringProps {
  naming: Naming;
  region: string;
  accountId: string;
  alarmEmail: string;
  albArnSuffix: string;
  clusterName: string;
  services: readonly MonitoredService[];
  /** Service whose p95 latency is alarmed (WebSocket connections would skew the sync one). */
  latencyService: string;
  databaseIdentifier: string;
  databaseAllocatedStorageGb: number;
  databaseMaxConnections: number;
  cacheClusterIds: readonly string[];
}

interface AlarmSpec {
  id: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold';
  threshold: number;
  statistic?: 'Average' | 'Sum' | 'Maximum' | 'Minimum';
  extendedStatistic?: string;
  periodSeconds: number;
  evaluationPeriods: number;
}

const gib = 1024 ** 3;

/**
 * Alarms on the signals that page someone, all to one SNS topic (encrypted
 * with a key CloudWatch may use), and a dashboard of the same metrics.
 */
export class Monitoring extends Construct {
  readonly topicArn: string;
  readonly alarmIds: string[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { naming } = props;
    // The AWS-managed SNS key cannot be used by CloudWatch alarms: a key of our own says it may.
    const key = new KmsKey(this, 'alarms-key', {
      description: `${naming.prefix} alarm topic`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchPublishes',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });
    const topic = new SnsTopic(this, 'alarms', { name: naming.name('generic', 'alarms'), kmsMasterKeyId: key.arn });
    this.topicArn = topic.arn;
    new SnsTopicSubscription(this, 'alarm-email', { topicArn: topic.arn, protocol: 'email', endpoint: props.alarmEmail });

    for (const spec of this.alarmSpecs(props)) {
      new CloudwatchMetricAlarm(this, spec.id, {
        alarmName: naming.name('generic', spec.id),
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: spec.dimensions,
        statistic: spec.statistic,
        extendedStatistic: spec.extendedStatistic,
        period: spec.periodSeconds,
        evaluationPeriods: spec.evaluationPeriods,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        treatMissingData: 'notBreaching',
        alarmActions: [topic.arn],
        okActions: [topic.arn],
      });
      this.alarmIds.push(spec.id);
    }

    new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: naming.name('generic', 'overview'),
      dashboardBody: JSON.stringify(this.dashboard(props)),
    });
  }

  private alarmSpecs(props: MonitoringProps): AlarmSpec[] {
    const lb = { LoadBalancer: props.albArnSuffix };
    const db = { DBInstanceIdentifier: props.databaseIdentifier };
    const specs: AlarmSpec[] = [
      alarm('alb-5xx', 'The ALB itself answered 5xx (no healthy target, timeouts)', 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', lb, 'GreaterThanOrEqualToThreshold', 10, { statistic: 'Sum', periodSeconds: 300, evaluationPeriods: 1 }),
      alarm('target-5xx', 'The services answered 5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', lb, 'GreaterThanOrEqualToThreshold', 25, { statistic: 'Sum', periodSeconds: 300, evaluationPeriods: 1 }),
    ];
    for (const svc of props.services) {
      const tg = { ...lb, TargetGroup: svc.targetGroupArnSuffix };
      const ecs = { ClusterName: props.clusterName, ServiceName: svc.serviceName };
      specs.push(
        alarm(`${svc.name}-unhealthy-hosts`, `${svc.name} tasks fail the ALB health check`, 'AWS/ApplicationELB', 'UnHealthyHostCount', tg, 'GreaterThanOrEqualToThreshold', 1, { statistic: 'Maximum', periodSeconds: 60, evaluationPeriods: 3 }),
        alarm(`${svc.name}-cpu`, `${svc.name} CPU high: scaling at its limit?`, 'AWS/ECS', 'CPUUtilization', ecs, 'GreaterThanThreshold', 85, { statistic: 'Average', periodSeconds: 60, evaluationPeriods: 5 }),
        alarm(`${svc.name}-memory`, `${svc.name} memory high`, 'AWS/ECS', 'MemoryUtilization', ecs, 'GreaterThanThreshold', 85, { statistic: 'Average', periodSeconds: 60, evaluationPeriods: 5 }),
      );
      if (svc.name === props.latencyService) {
        specs.push(
          alarm(`${svc.name}-latency-p95`, `${svc.name} p95 response time above 1 s`, 'AWS/ApplicationELB', 'TargetResponseTime', tg, 'GreaterThanThreshold', 1, { extendedStatistic: 'p95', periodSeconds: 60, evaluationPeriods: 5 }),
        );
      }
    }
    specs.push(
      alarm('db-cpu', 'PostgreSQL CPU high', 'AWS/RDS', 'CPUUtilization', db, 'GreaterThanThreshold', 80, { statistic: 'Average', periodSeconds: 300, evaluationPeriods: 2 }),
      alarm('db-free-storage', 'PostgreSQL has under 10% of its storage free', 'AWS/RDS', 'FreeStorageSpace', db, 'LessThanThreshold', Math.round(props.databaseAllocatedStorageGb * gib * 0.1), { statistic: 'Minimum', periodSeconds: 300, evaluationPeriods: 1 }),
      alarm('db-connections', 'PostgreSQL connections above 80% of max_connections', 'AWS/RDS', 'DatabaseConnections', db, 'GreaterThanThreshold', Math.floor(props.databaseMaxConnections * 0.8), { statistic: 'Maximum', periodSeconds: 300, evaluationPeriods: 1 }),
    );
    for (const [i, clusterId] of props.cacheClusterIds.entries()) {
      const node = { CacheClusterId: clusterId };
      specs.push(
        alarm(`redis-${i + 1}-cpu`, `Redis node ${clusterId} engine CPU high`, 'AWS/ElastiCache', 'EngineCPUUtilization', node, 'GreaterThanThreshold', 75, { statistic: 'Average', periodSeconds: 300, evaluationPeriods: 2 }),
        alarm(`redis-${i + 1}-memory`, `Redis node ${clusterId} memory above 80%`, 'AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', node, 'GreaterThanThreshold', 80, { statistic: 'Maximum', periodSeconds: 300, evaluationPeriods: 1 }),
      );
    }
    return specs;
  }

  private dashboard(props: MonitoringProps) {
    const region = props.region;
    const lb = props.albArnSuffix;
    const widget = (title: string, metrics: unknown[][], x: number, y: number) => ({
      type: 'metric',
      x,
      y,
      width: 12,
      height: 6,
      properties: { title, region, metrics, period: 60, stat: 'Average', view: 'timeSeries' },
    });
    const perService = (metric: string) =>
      props.services.map((s) => ['AWS/ECS', metric, 'ClusterName', props.clusterName, 'ServiceName', s.serviceName]);
    return {
      widgets: [
        widget('Requests and errors', [
          ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', lb, { stat: 'Sum' }],
          ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', lb, { stat: 'Sum' }],
          ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb, { stat: 'Sum' }],
        ], 0, 0),
        widget('Latency p95 (s)', props.services.map((s) => ['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', lb, 'TargetGroup', s.targetGroupArnSuffix, { stat: 'p95' }]), 12, 0),
        widget('Service CPU %', perService('CPUUtilization'), 0, 6),
        widget('Service memory %', perService('MemoryUtilization'), 12, 6),
        widget('PostgreSQL', [
          ['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', props.databaseIdentifier],
          ['AWS/RDS', 'DatabaseConnections', 'DBInstanceIdentifier', props.databaseIdentifier, { yAxis: 'right' }],
        ], 0, 12),
        widget('Redis', props.cacheClusterIds.flatMap((id) => [
          ['AWS/ElastiCache', 'EngineCPUUtilization', 'CacheClusterId', id],
          ['AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', 'CacheClusterId', id],
        ]), 12, 12),
      ],
    };
  }
}

function alarm(
  id: string,
  description: string,
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  comparison: AlarmSpec['comparison'],
  threshold: number,
  timing: Pick<AlarmSpec, 'statistic' | 'extendedStatistic' | 'periodSeconds' | 'evaluationPeriods'>,
): AlarmSpec {
  return { id, description, namespace, metricName, dimensions, comparison, threshold, ...timing };
}
