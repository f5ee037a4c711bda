import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service/index.js';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target/index.js';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy/index.js';
import type { ServiceSizing } from '../config/schema.js';
import type { Naming } from '../naming.js';

export interface InjectedSecret {
  /** Environment variable the container sees. */
  name: string;
  secretArn: string;
  /** Key inside a JSON secret (e.g. `password` of the RDS-managed secret). */
  jsonKey?: string;
}

export interface FargateServiceProps {
  naming: Naming;
  /** Short name: `api`, `sync`. */
  name: string;
  region: string;
  accountId: string;
  clusterArn: string;
  clusterName: string;
  image: string;
  repositoryArn: string;
  sizing: ServiceSizing;
  port: number;
  environment: Record<string, string>;
  secrets: readonly InjectedSecret[];
  subnetIds: string[];
  securityGroupId: string;
  targetGroupArn: string;
  logRetentionDays: number;
  snapshotBucketArn: string;
  /** Object-level S3 actions this service needs on the snapshot bucket. */
  snapshotObjectActions: readonly string[];
  /** Seconds ECS waits for a graceful stop (the sync service flushes rooms). */
  stopTimeoutSeconds: number;
  dependsOn: ITerraformDependable[];
}

interface Statement {
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

const policy = (statements: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * One containerised service on Fargate behind a target group: its log group,
 * an execution role that can pull its image, write its logs and read only the
 * secrets it is given, a task role scoped to the snapshot bucket, and
 * target-tracking auto-scaling on CPU and memory.
 */
export class FargateService extends Construct {
  readonly serviceName: string;
  readonly logGroupName: string;
  readonly taskRoleArn: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const { naming, name, sizing } = props;
    this.serviceName = naming.name('generic', name);
    this.logGroupName = `/${naming.project}/${naming.environment}/${name}`;

    const logs = new CloudwatchLogGroup(this, 'logs', { name: this.logGroupName, retentionInDays: props.logRetentionDays });
    const assumeByEcsTasks = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': props.accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${props.region}:${props.accountId}:*` },
          },
        },
      ],
    });

    const execution = new IamRole(this, 'execution-role', {
      name: naming.name('iamRole', name, 'execution'),
      assumeRolePolicy: assumeByEcsTasks,
    });
    const secretArns = [...new Set(props.secrets.map((s) => s.secretArn))];
    new IamRolePolicy(this, 'execution-policy', {
      name: 'pull-log-secrets',
      role: execution.id,
      policy: policy([
        // GetAuthorizationToken has no resource-level permissions; AWS requires "*".
        { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Resource: props.repositoryArn,
        },
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logs.arn}:*` },
        ...(secretArns.length > 0
          ? [{ Effect: 'Allow' as const, Action: ['secretsmanager:GetSecretValue'], Resource: secretArns }]
          : []),
      ]),
    });

    const task = new IamRole(this, 'task-role', { name: naming.name('iamRole', name, 'task'), assumeRolePolicy: assumeByEcsTasks });
    new IamRolePolicy(this, 'task-policy', {
      name: 'snapshot-bucket',
      role: task.id,
      policy: policy([
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: props.snapshotBucketArn },
        { Effect: 'Allow', Action: [...props.snapshotObjectActions], Resource: `${props.snapshotBucketArn}/*` },
      ]),
    });
    this.taskRoleArn = task.arn;

    const taskDefinition = new EcsTaskDefinition(this, 'task', {
      family: naming.name('generic', name),
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(sizing.cpu),
      memory: String(sizing.memory),
      executionRoleArn: execution.arn,
      taskRoleArn: task.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      containerDefinitions: JSON.stringify([this.containerDefinition(props, logs.name)]),
    });

    const service = new EcsService(this, 'service', {
      name: this.serviceName,
      cluster: props.clusterArn,
      taskDefinition: taskDefinition.arn,
      desiredCount: sizing.minCount,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      healthCheckGracePeriodSeconds: 60,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      availabilityZoneRebalancing: 'ENABLED',
      networkConfiguration: { subnets: props.subnetIds, securityGroups: [props.securityGroupId], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: name, containerPort: props.port }],
      // Auto-scaling owns the task count after creation.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: props.dependsOn,
    });

    this.addAutoScaling(props, service);
  }

  private containerDefinition(props: FargateServiceProps, logGroupName: string) {
    return {
      name: props.name,
      image: props.image,
      essential: true,
      portMappings: [{ containerPort: props.port, protocol: 'tcp', name: props.name }],
      environment: Object.entries(props.environment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => ({ name: key, value })),
      secrets: props.secrets.map((s) => ({
        name: s.name,
        valueFrom: s.jsonKey ? `${s.secretArn}:${s.jsonKey}::` : s.secretArn,
      })),
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': props.name },
      },
      // PID 1 that forwards SIGTERM, so the app can drain sockets on deploy and scale-in.
      linuxParameters: { initProcessEnabled: true },
      stopTimeout: props.stopTimeoutSeconds,
      ulimits: [{ name: 'nofile', softLimit: 65536, hardLimit: 65536 }],
    };
  }

  private addAutoScaling(props: FargateServiceProps, service: EcsService): void {
    const target = new AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.clusterName}/${service.name}`,
      minCapacity: props.sizing.minCount,
      maxCapacity: props.sizing.maxCount,
    });
    const metrics = {
      cpu: ['ECSServiceAverageCPUUtilization', props.sizing.cpuTargetPercent],
      memory: ['ECSServiceAverageMemoryUtilization', props.sizing.memoryTargetPercent],
    } as const;
    for (const [metric, [predefined, targetValue]] of Object.entries(metrics)) {
      new AppautoscalingPolicy(this, `scale-on-${metric}`, {
        name: `${this.serviceName}-${metric}`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: predefined },
          targetValue,
          scaleInCooldown: 300,
          scaleOutCooldown: 60,
        },
      });
    }
  }
}
