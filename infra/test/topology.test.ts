import { describe, expect, it } from 'vitest';
import { asArray, list, one, refTo, resources, synthesize, variants, type Body } from './synthesized.js';

describe.each(variants)('topology of %s', (_label, config) => {
  const json = synthesize(config);

  describe('network', () => {
    const subnets = list(json, 'aws_subnet');
    const tier = (name: string) => subnets.filter((s) => (s.tags as Record<string, string>).Tier === name);

    it('is one 10.0.0.0/16 VPC with DNS', () => {
      expect(one(json, 'aws_vpc')).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true });
    });

    it('has 6 subnets: public, private-app and private-data in each of 2 zones', () => {
      expect(subnets).toHaveLength(6);
      expect(new Set(subnets.map((s) => s.availability_zone))).toEqual(new Set(config.availabilityZones));
      for (const name of ['public', 'app', 'data']) {
        expect(tier(name).map((s) => s.availability_zone).sort()).toEqual([...config.availabilityZones].sort());
      }
      expect(subnets.map((s) => s.cidr_block).sort()).toEqual(
        ['10.0.0.0/24', '10.0.1.0/24', '10.0.16.0/20', '10.0.32.0/20', '10.0.64.0/24', '10.0.65.0/24'].sort(),
      );
      for (const s of subnets) expect(s.map_public_ip_on_launch).toBe(false);
    });

    it('routes public subnets to the internet gateway and app subnets to NAT', () => {
      const routes = list(json, 'aws_route');
      const igw = refTo(json, 'aws_internet_gateway', one(json, 'aws_internet_gateway'), 'id');
      const viaIgw = routes.filter((r) => r.gateway_id === igw);
      expect(viaIgw).toHaveLength(1);
      expect(viaIgw[0]?.destination_cidr_block).toBe('0.0.0.0/0');
      const viaNat = routes.filter((r) => r.nat_gateway_id !== undefined);
      expect(viaNat).toHaveLength(2);
      expect(new Set(viaNat.map((r) => r.route_table_id)).size).toBe(2);
    });

    it(`has ${config.natGateways === 'per-az' ? 'one NAT gateway per zone' : 'one NAT gateway'}`, () => {
      const nats = list(json, 'aws_nat_gateway');
      expect(nats).toHaveLength(config.natGateways === 'per-az' ? 2 : 1);
      expect(list(json, 'aws_eip')).toHaveLength(nats.length);
      for (const nat of nats) expect(String(nat.subnet_id)).toContain('_public-');
      const natsUsed = new Set(list(json, 'aws_route').map((r) => r.nat_gateway_id).filter(Boolean));
      expect(natsUsed.size).toBe(nats.length);
    });

    it('gives the data route table no route out of the VPC', () => {
      const tables = resources(json, 'aws_route_table');
      const dataTable = Object.entries(tables).find(([name]) => name.includes('data-rt'));
      expect(dataTable).toBeDefined();
      const ref = `\${aws_route_table.${dataTable![0]}.id}`;
      expect(dataTable![1]).not.toHaveProperty('route');
      expect(list(json, 'aws_route').filter((r) => r.route_table_id === ref)).toEqual([]);
      const associations = list(json, 'aws_route_table_association').filter((a) => a.route_table_id === ref);
      expect(associations.map((a) => a.subnet_id).sort()).toEqual(
        Object.keys(resources(json, 'aws_subnet')).filter((n) => n.includes('_data-')).map((n) => `\${aws_subnet.${n}.id}`).sort(),
      );
      const endpoint = one(json, 'aws_vpc_endpoint');
      expect(asArray(endpoint.route_table_ids as string[])).not.toContain(ref);
    });

    it('runs Redis in cluster mode: the configured shards, each a primary with replicas', () => {
      const redis = one(json, 'aws_elasticache_replication_group');
      expect(redis.cluster_mode).toBe('enabled');
      expect(redis.num_node_groups).toBe(config.cache.shards);
      expect(redis.replicas_per_node_group).toBe(config.cache.replicasPerShard);
      expect(redis.parameter_group_name).toMatch(/^default\.redis7\.cluster\.on$/);
      if (config.name === 'prod') expect(config.cache.shards).toBeGreaterThanOrEqual(2);
    });

    it('puts the data stores in the data subnets', () => {
      const dataSubnets = Object.keys(resources(json, 'aws_subnet'))
        .filter((n) => n.includes('_data-'))
        .map((n) => `\${aws_subnet.${n}.id}`)
        .sort();
      expect(asArray(one(json, 'aws_db_subnet_group').subnet_ids as string[]).sort()).toEqual(dataSubnets);
      expect(asArray(one(json, 'aws_elasticache_subnet_group').subnet_ids as string[]).sort()).toEqual(dataSubnets);
    });
  });

  describe('load balancer', () => {
    const alb = one(json, 'aws_lb');
    const groups = resources(json, 'aws_lb_target_group');
    const group = (name: string) => Object.values(groups).find((g) => g.name === `codesync-${config.name}-${name}`)!;

    it('is internet-facing in the public subnets with an idle timeout above the WebSocket heartbeat', () => {
      expect(alb.internal).toBe(false);
      for (const s of asArray(alb.subnets as string[])) expect(s).toContain('_public-');
      expect(alb.idle_timeout).toBeGreaterThan(60);
      expect(alb.drop_invalid_header_fields).toBe(true);
    });

    it('routes /api/* to the API on 3000 and /socket/* to sync on 3001 with health checks', () => {
      expect(group('api')).toMatchObject({ port: 3000, target_type: 'ip', health_check: expect.objectContaining({ path: '/api/health', matcher: '200' }) });
      expect(group('sync')).toMatchObject({ port: 3001, target_type: 'ip', health_check: expect.objectContaining({ path: '/socket/health', matcher: '200' }) });
      const rules = list(json, 'aws_lb_listener_rule').map((r) => {
        const action = asArray(r.action as Body[])[0]!;
        const condition = asArray(r.condition as Body[])[0]!;
        return [(condition.path_pattern as Body).values, action.target_group_arn];
      });
      const ref = (name: string) => refTo(json, 'aws_lb_target_group', group(name), 'arn');
      expect(rules).toEqual(expect.arrayContaining([[['/api/*'], ref('api')], [['/socket/*'], ref('sync')]]));
      expect(rules).toHaveLength(2);
    });

    it('makes sync sticky and the API not', () => {
      expect(group('sync').stickiness).toMatchObject({ type: 'lb_cookie', enabled: true });
      expect((group('api').stickiness as Body).enabled).toBe(false);
    });
  });

  describe('services', () => {
    const services = list(json, 'aws_ecs_service');
    const containers = list(json, 'aws_ecs_task_definition').map(
      (td) => (JSON.parse(td.container_definitions as string) as Body[])[0] as Body & { name: string; environment: { name: string; value: string }[] },
    );
    const env = (name: string) => Object.fromEntries(containers.find((c) => c.name === name)!.environment.map((e) => [e.name, e.value]));

    it('runs the API and sync services on Fargate behind their target groups', () => {
      expect(services).toHaveLength(2);
      for (const svc of services) {
        expect(svc.launch_type).toBe('FARGATE');
        expect(svc.lifecycle).toEqual({ ignore_changes: ['desired_count'] });
        expect(svc.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
        expect(asArray(svc.depends_on as string[]).some((d) => d.startsWith('aws_lb_listener_rule.'))).toBe(true);
      }
      const ports = services.map((s) => asArray(s.load_balancer as Body[])[0]!.container_port).sort();
      expect(ports).toEqual([3000, 3001]);
    });

    it('auto-scales each service 2-10 on CPU and memory', () => {
      const targets = list(json, 'aws_appautoscaling_target');
      expect(targets).toHaveLength(2);
      for (const t of targets) expect(t).toMatchObject({ min_capacity: 2, max_capacity: 10, scalable_dimension: 'ecs:service:DesiredCount' });
      const metrics = list(json, 'aws_appautoscaling_policy').map(
        (p) => ((p.target_tracking_scaling_policy_configuration as Body).predefined_metric_specification as Body).predefined_metric_type,
      );
      expect(metrics.sort()).toEqual([
        'ECSServiceAverageCPUUtilization',
        'ECSServiceAverageCPUUtilization',
        'ECSServiceAverageMemoryUtilization',
        'ECSServiceAverageMemoryUtilization',
      ]);
    });

    it('wires the environment DESIGN.md names', () => {
      const api = env('api');
      const sync = env('sync');
      expect(api.PORT).toBe('3000');
      expect(sync.PORT).toBe('3001');
      for (const e of [api, sync]) {
        expect(e.REDIS_URL).toMatch(/^rediss:\/\/\$\{aws_elasticache_replication_group\..+\.configuration_endpoint_address\}:6379$/);
        expect(e.REDIS_CLUSTER).toBe('true');
        expect(e.S3_BUCKET).toMatch(/^\$\{aws_s3_bucket\.storage_snapshots_.+\.bucket\}$/);
        expect(e.AWS_REGION).toBe(config.region);
        expect(e.LOG_LEVEL).toBe(config.logLevel);
        expect(e.REDIS_KEY_PREFIX).toBe('cs:');
      }
      expect(api.DATABASE_URL).toMatch(/^postgres:\/\/codesync@\$\{aws_db_instance\..+\.address\}:5432\/codesync\?sslmode=verify-full$/);
      expect(sync).not.toHaveProperty('DATABASE_URL');
    });

    it('sends container logs to log groups with retention', () => {
      const groups = list(json, 'aws_cloudwatch_log_group');
      expect(groups.map((g) => g.name).sort()).toEqual([`/codesync/${config.name}/api`, `/codesync/${config.name}/sync`]);
      for (const g of groups) expect(g.retention_in_days).toBe(config.logRetentionDays);
    });
  });

  describe('storage and CDN', () => {
    it('versions the snapshot bucket, moves old objects to Glacier and expires deleted ones within 30 days', () => {
      const snapshots = refTo(json, 'aws_s3_bucket', one(json, 'aws_s3_bucket', 'snapshots'), 'id');
      expect(list(json, 'aws_s3_bucket_versioning').find((v) => v.bucket === snapshots)?.versioning_configuration).toEqual({ status: 'Enabled' });
      const lifecycle = list(json, 'aws_s3_bucket_lifecycle_configuration').find((l) => l.bucket === snapshots);
      const rules = asArray(lifecycle?.rule as Body[]);
      for (const rule of rules) expect(rule.status).toBe('Enabled');
      expect(rules.flatMap((r) => asArray(r.transition as Body[])).map((t) => t.storage_class)).toEqual(['GLACIER_IR']);
      // A thinned version is a delete in a versioned bucket: its noncurrent copy must not outlive 30 days.
      const expiries = rules.flatMap((r) => asArray(r.noncurrent_version_expiration as Body[]));
      expect(expiries.map((e) => e.noncurrent_days)).toEqual([config.snapshots.noncurrentExpireAfterDays]);
      expect(config.snapshots.noncurrentExpireAfterDays).toBeLessThanOrEqual(30);
      expect(rules.flatMap((r) => asArray(r.noncurrent_version_transition as Body[]))).toEqual([]);
      expect(rules.flatMap((r) => asArray(r.expiration as Body[]))).toEqual([{ expired_object_delete_marker: true }]);
    });

    it('routes /api/* and /socket/* from CloudFront to the ALB uncached, with all viewer headers', () => {
      const distribution = one(json, 'aws_cloudfront_distribution');
      const behaviours = asArray(distribution.ordered_cache_behavior as Body[]);
      expect(behaviours.map((b) => b.path_pattern).sort()).toEqual(['/api/*', '/socket/*']);
      for (const b of behaviours) {
        expect(b.target_origin_id).toBe('alb');
        expect(b.cache_policy_id).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
        expect(b.origin_request_policy_id).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
        expect(b.allowed_methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE', 'PUT']));
      }
      // The ALB origin itself (name, HTTPS only): origin-tls.test.ts.
      expect((distribution.default_cache_behavior as Body).target_origin_id).toBe('web');
    });
  });

  describe('monitoring', () => {
    const alarms = list(json, 'aws_cloudwatch_metric_alarm');
    const topic = refTo(json, 'aws_sns_topic', one(json, 'aws_sns_topic'), 'arn');

    it('has at least 11 alarms, every one notifying the SNS topic', () => {
      expect(alarms.length).toBeGreaterThanOrEqual(11);
      for (const a of alarms) {
        expect(a.alarm_actions).toEqual([topic]);
        expect(a.ok_actions).toEqual([topic]);
      }
      expect(one(json, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: config.alarmEmail, topic_arn: topic });
    });

    it('covers the ALB, both services, PostgreSQL and Redis', () => {
      const has = (namespace: string, metric: string) => alarms.filter((a) => a.namespace === namespace && a.metric_name === metric).length;
      expect(has('AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count')).toBe(1);
      expect(has('AWS/ApplicationELB', 'TargetResponseTime')).toBeGreaterThanOrEqual(1);
      expect(has('AWS/ApplicationELB', 'UnHealthyHostCount')).toBe(2);
      expect(has('AWS/ECS', 'CPUUtilization')).toBe(2);
      expect(has('AWS/ECS', 'MemoryUtilization')).toBe(2);
      expect(has('AWS/RDS', 'CPUUtilization')).toBe(1);
      expect(has('AWS/RDS', 'FreeStorageSpace')).toBe(1);
      expect(has('AWS/RDS', 'DatabaseConnections')).toBe(1);
      const cacheNodes = config.cache.shards * (config.cache.replicasPerShard + 1);
      expect(has('AWS/ElastiCache', 'EngineCPUUtilization')).toBe(cacheNodes);
      expect(has('AWS/ElastiCache', 'DatabaseMemoryUsagePercentage')).toBe(cacheNodes);
      const ecsServices = alarms.filter((a) => a.namespace === 'AWS/ECS').map((a) => (a.dimensions as Body).ServiceName);
      expect(new Set(ecsServices)).toEqual(new Set([`codesync-${config.name}-api`, `codesync-${config.name}-sync`]));
    });

    it('has a dashboard whose body is valid JSON', () => {
      const body = JSON.parse(one(json, 'aws_cloudwatch_dashboard').dashboard_body as string) as { widgets: unknown[] };
      expect(body.widgets.length).toBeGreaterThanOrEqual(6);
    });
  });

  it('tags every resource through the provider default tags', () => {
    expect(json.provider?.aws?.[0]?.default_tags).toEqual([
      { tags: { Environment: config.name, ManagedBy: 'cdktf', Project: 'codesync', Repository: 'codesync/infra' } },
    ]);
  });

  it('keeps state in S3 with locking, one key per environment', () => {
    expect((json.terraform?.backend as Body).s3).toMatchObject({
      bucket: config.state.bucket,
      key: `codesync/${config.name}/terraform.tfstate`,
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('fits names into AWS limits', () => {
    const lengths: [string, string, number][] = [
      ['aws_lb', 'name', 32],
      ['aws_lb_target_group', 'name', 32],
      ['aws_elasticache_replication_group', 'replication_group_id', 40],
      ['aws_db_instance', 'identifier', 63],
      ['aws_iam_role', 'name', 64],
      ['aws_s3_bucket', 'bucket_prefix', 37],
    ];
    for (const [type, field, max] of lengths) {
      for (const r of list(json, type)) expect(String(r[field]).length, `${type}.${field}`).toBeLessThanOrEqual(max);
    }
  });
});
