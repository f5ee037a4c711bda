import type { Construct } from 'constructs';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list/index.js';
import type { EnvironmentConfig } from './config/schema.js';
import { createNaming } from './naming.js';
import { AwsSetup } from './constructs/aws-setup.js';
import { Network } from './constructs/network.js';
import { SecurityGroups } from './constructs/security-groups.js';
import { Secrets } from './constructs/secrets.js';
import { ContainerRegistry } from './constructs/ecr.js';
import { Database } from './constructs/database.js';
import { Cache } from './constructs/cache.js';
import { Storage } from './constructs/storage.js';
import { LoadBalancer } from './constructs/load-balancer.js';
import { OriginCertificate } from './constructs/origin-certificate.js';
import { Cluster } from './constructs/cluster.js';
import { FargateService, type InjectedSecret } from './constructs/fargate-service.js';
import { Cdn } from './constructs/cdn.js';
import { Monitoring } from './constructs/monitoring.js';

/** The two processes of DESIGN.md, with the ports and health paths it fixes. */
/** The header by which the ALB knows a request came through CloudFront (its value is the `origin_secret` variable). */
export const ORIGIN_HEADER = 'X-CodeSync-Origin';

export const appServices = {
  api: { port: 3000, pathPattern: '/api/*', healthCheckPath: '/api/health', sticky: false, drainSeconds: 30 },
  // Rooms live in memory on one instance; stickiness keeps reconnects there.
  sync: { port: 3001, pathPattern: '/socket/*', healthCheckPath: '/socket/health', sticky: true, drainSeconds: 60 },
} as const;

type ServiceName = keyof typeof appServices;

/**
 * Both services delete: the sync service's compactor saves versions and the
 * store thins the history after each save; the API deletes a document's
 * snapshots and un-names versions (which thins too). Nobody reads or deletes
 * an S3 object version by id: thinned objects are left to the bucket's
 * noncurrent-version expiry, so neither s3:*ObjectVersion action is granted.
 */
const snapshotObjectActions: Record<ServiceName, string[]> = {
  api: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
  sync: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
};

/** Everything one environment runs, composed from one construct per concern. */
export class CodeSyncStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    const naming = createNaming(config.project, config.name);
    const allowDataLoss = config.allowDataLoss;
    const aws = new AwsSetup(this, 'aws', { config });

    const imageTag = new TerraformVariable(this, 'image_tag', {
      type: 'string',
      description: 'Tag of the api and sync images in ECR to run (tags are immutable: use the git SHA)',
    });

    const network = new Network(this, 'network', {
      naming,
      region: config.region,
      cidr: config.vpcCidr,
      availabilityZones: config.availabilityZones,
      natGateways: config.natGateways,
    });
    const cloudfrontOrigins = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', {
      name: 'com.amazonaws.global.cloudfront.origin-facing',
    });
    const originSecret = new TerraformVariable(this, 'origin_secret', {
      type: 'string',
      sensitive: true,
      description: 'Value of the header CloudFront adds to every request to the ALB, which refuses requests without it (a long random string; rotate by re-applying)',
    });
    const originHeader = { name: ORIGIN_HEADER, value: originSecret.stringValue };
    const sg = new SecurityGroups(this, 'security-groups', {
      naming,
      vpcId: network.vpcId,
      apiPort: appServices.api.port,
      syncPort: appServices.sync.port,
      cloudfrontPrefixListId: cloudfrontOrigins.id,
      albPort: 443,
    });
    const secrets = new Secrets(this, 'secrets', { naming, recoveryWindowDays: allowDataLoss ? 0 : 30 });
    const registry = new ContainerRegistry(this, 'ecr', { naming, images: ['api', 'sync'], forceDelete: allowDataLoss });
    const database = new Database(this, 'database', {
      naming,
      config: config.database,
      subnetIds: network.subnetIds.data,
      securityGroupId: sg.ids.database,
      allowDataLoss,
    });
    const cache = new Cache(this, 'cache', {
      naming,
      config: config.cache,
      subnetIds: network.subnetIds.data,
      securityGroupId: sg.ids.cache,
      allowDataLoss,
    });
    const storage = new Storage(this, 'storage', { naming, snapshots: config.snapshots, allowDataLoss });
    const origin = new OriginCertificate(this, 'origin', { naming, config: config.cdn.origin });
    const alb = new LoadBalancer(this, 'load-balancer', {
      naming,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.public,
      securityGroupId: sg.ids.alb,
      idleTimeoutSeconds: config.albIdleTimeoutSeconds,
      certificateArn: origin.certificateArn,
      originHeader,
      targets: Object.entries(appServices).map(([name, s]) => ({
        name,
        port: s.port,
        pathPattern: s.pathPattern,
        healthCheckPath: s.healthCheckPath,
        sticky: s.sticky,
        deregistrationDelaySeconds: s.drainSeconds,
      })),
    });
    origin.pointAt(alb);
    const cluster = new Cluster(this, 'cluster', { naming, containerInsights: config.containerInsights });

    const sharedEnvironment = {
      NODE_ENV: 'production',
      LOG_LEVEL: config.logLevel,
      AWS_REGION: config.region,
      S3_BUCKET: storage.snapshots.bucketName,
      REDIS_URL: `rediss://${cache.configurationEndpoint}:${Cache.port}`,
      REDIS_CLUSTER: 'true',
      REDIS_KEY_PREFIX: 'cs:',
      // Two proxies append to X-Forwarded-For: CloudFront (the viewer) then the ALB (CloudFront's edge).
      TRUST_PROXY: '2',
    };
    const jwt: InjectedSecret = { name: 'JWT_SECRET', secretArn: secrets.jwtSecretArn };
    const perService: Record<ServiceName, { environment: Record<string, string>; secrets: InjectedSecret[] }> = {
      api: {
        environment: {
          ...sharedEnvironment,
          PORT: String(appServices.api.port),
          // No password here: it arrives as DATABASE_PASSWORD from the RDS-managed secret.
          DATABASE_URL: `postgres://${database.username}@${database.address}:${Database.port}/${database.databaseName}?sslmode=verify-full`,
        },
        secrets: [jwt, { name: 'DATABASE_PASSWORD', secretArn: database.masterSecretArn, jsonKey: 'password' }],
      },
      sync: { environment: { ...sharedEnvironment, PORT: String(appServices.sync.port) }, secrets: [jwt] },
    };

    const services = (Object.keys(appServices) as ServiceName[]).map((name) => {
      const repo = registry.repositories[name];
      const targetGroup = alb.targetGroups[name];
      if (!repo || !targetGroup) throw new Error(`internal: ${name} has no repository or target group`);
      const service = new FargateService(this, `${name}-service`, {
        naming,
        name,
        region: config.region,
        accountId: aws.accountId,
        clusterArn: cluster.arn,
        clusterName: cluster.name,
        image: `${repo.url}:${imageTag.stringValue}`,
        repositoryArn: repo.arn,
        sizing: config.services[name],
        port: appServices[name].port,
        environment: perService[name].environment,
        secrets: perService[name].secrets,
        subnetIds: network.subnetIds.app,
        securityGroupId: sg.ids[name],
        targetGroupArn: targetGroup.arn,
        logRetentionDays: config.logRetentionDays,
        snapshotBucketArn: storage.snapshots.arn,
        snapshotObjectActions: snapshotObjectActions[name],
        stopTimeoutSeconds: appServices[name].drainSeconds,
        dependsOn: alb.routing,
      });
      return { name, service, targetGroup };
    });

    const cdn = new Cdn(this, 'cdn', {
      naming,
      config: config.cdn,
      webBucket: storage.web,
      dynamicPaths: Object.values(appServices).map((s) => s.pathPattern),
      originHeader,
    });
    const monitoring = new Monitoring(this, 'monitoring', {
      naming,
      region: config.region,
      accountId: aws.accountId,
      alarmEmail: config.alarmEmail,
      albArnSuffix: alb.arnSuffix,
      clusterName: cluster.name,
      services: services.map(({ name, service, targetGroup }) => ({
        name,
        serviceName: service.serviceName,
        targetGroupArnSuffix: targetGroup.arnSuffix,
      })),
      latencyService: 'api',
      databaseIdentifier: database.identifier,
      databaseAllocatedStorageGb: config.database.allocatedStorageGb,
      databaseMaxConnections: config.database.maxConnections,
      cacheClusterIds: cache.memberClusterIds,
    });

    const outputs: Record<string, [string, string]> = {
      url: [`https://${config.cdn.customDomain?.aliases[0] ?? cdn.domainName}`, 'Where the app answers'],
      cloudfront_domain_name: [cdn.domainName, 'CloudFront domain (CNAME target for a custom domain)'],
      cloudfront_distribution_id: [cdn.distributionId, 'For cache invalidations (scripts/deploy-web.sh)'],
      web_bucket: [storage.web.bucketName, 'Bucket the web app is uploaded to (scripts/deploy-web.sh)'],
      snapshot_bucket: [storage.snapshots.bucketName, 'Document snapshots (S3_BUCKET)'],
      alb_dns_name: [alb.dnsName, 'Load balancer (point cdn.origin.domainName here when it has no hostedZoneId)'],
      api_repository_url: [registry.repositories.api?.url ?? '', 'docker push target for the API image'],
      sync_repository_url: [registry.repositories.sync?.url ?? '', 'docker push target for the sync image'],
      cluster_name: [cluster.name, 'ECS cluster'],
      api_service_name: [services[0]?.service.serviceName ?? '', 'ECS service of the API'],
      sync_service_name: [services[1]?.service.serviceName ?? '', 'ECS service of the sync service'],
      jwt_secret_name: [secrets.jwtSecretName, 'Put the JWT_SECRET value here (README)'],
      database_secret_arn: [database.masterSecretArn, 'RDS-managed master credentials'],
      alarm_topic_arn: [monitoring.topicArn, 'SNS topic the alarms publish to'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new TerraformOutput(this, name, { value, description });
    }
  }
}
