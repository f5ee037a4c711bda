import { describe, expect, it } from 'vitest';
import { asArray, list, one, parsePolicy, refTo, resources, synthesize, variants, type Body } from './synthesized.js';

describe.each(variants)('security of %s', (_label, config) => {
  const json = synthesize(config);
  const sgRef = (fragment: string) => refTo(json, 'aws_security_group', one(json, 'aws_security_group', `_${fragment}_`), 'id');
  const ingress = list(json, 'aws_vpc_security_group_ingress_rule');

  it('keeps the database and cache off the internet and encrypted at rest', () => {
    const db = one(json, 'aws_db_instance');
    expect(db.publicly_accessible).toBe(false);
    expect(db.storage_encrypted).toBe(true);
    expect(db.multi_az).toBe(true);
    expect(db.manage_master_user_password).toBe(true);
    expect(db).not.toHaveProperty('password');
    expect(db.backup_retention_period).toBeGreaterThanOrEqual(7);

    const redis = one(json, 'aws_elasticache_replication_group');
    expect(redis.at_rest_encryption_enabled).toBe('true');
    expect(redis.transit_encryption_enabled).toBe(true);
    expect(redis.transit_encryption_mode).toBe('required');
    expect(redis.automatic_failover_enabled).toBe(true);
    expect(redis.multi_az_enabled).toBe(true);
    // Cluster mode: every shard has a replica to fail over to.
    expect(redis.cluster_mode).toBe('enabled');
    expect(redis.replicas_per_node_group).toBeGreaterThanOrEqual(1);
    expect(redis).not.toHaveProperty('num_cache_clusters');
  });

  it('rotates the RDS-managed password on the configured schedule', () => {
    const rotation = one(json, 'aws_secretsmanager_secret_rotation');
    const db = Object.keys(resources(json, 'aws_db_instance'))[0];
    expect(rotation.secret_id).toBe(`\${aws_db_instance.${db}.master_user_secret[0].secret_arn}`);
    expect(rotation.rotation_rules).toEqual({ automatically_after_days: config.database.passwordRotationDays });
    expect(rotation).not.toHaveProperty('rotation_lambda_arn');
  });

  it('forces TLS on PostgreSQL', () => {
    const params = one(json, 'aws_db_parameter_group');
    expect(params.parameter).toContainEqual(expect.objectContaining({ name: 'rds.force_ssl', value: '1' }));
    const db = one(json, 'aws_db_instance');
    expect(db.parameter_group_name).toBe(refTo(json, 'aws_db_parameter_group', params, 'name'));
  });

  // Issue 16, finding 1: the ALB's port 80 was open to 0.0.0.0/0, so CloudFront (and the
  // client address the API trusts behind it) could be bypassed.
  it('opens nothing to the internet: the ALB admits only CloudFront, on the one port CloudFront uses', () => {
    expect(ingress.filter((r) => r.cidr_ipv4 !== undefined || r.cidr_ipv6 !== undefined)).toEqual([]);
    const fromCloudfront = ingress.filter((r) => r.prefix_list_id !== undefined);
    expect(fromCloudfront).toHaveLength(1);
    const [rule] = fromCloudfront;
    expect(rule?.security_group_id).toBe(sgRef('alb'));
    expect([rule?.from_port, rule?.to_port]).toEqual([443, 443]);
    const prefixLists = Object.entries(json.data?.aws_ec2_managed_prefix_list ?? {});
    expect(prefixLists.map(([, body]) => body.name)).toEqual(['com.amazonaws.global.cloudfront.origin-facing']);
    expect(rule?.prefix_list_id).toBe(`\${data.aws_ec2_managed_prefix_list.${prefixLists[0]![0]}.id}`);
    // Inline rules would bypass these checks.
    for (const sg of list(json, 'aws_security_group')) expect(sg).not.toHaveProperty('ingress');
  });

  // Issue 16, finding 3: no page of the web app carried a Content-Security-Policy.
  it('serves the web app with the same strict CSP as pnpm start, and the other security headers', () => {
    const policy = one(json, 'aws_cloudfront_response_headers_policy');
    const headers = policy.security_headers_config as Body;
    const csp = (headers.content_security_policy as Body).content_security_policy as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers.frame_options).toMatchObject({ frame_option: 'DENY' });
    expect(headers.strict_transport_security).toMatchObject({ include_subdomains: true });
    const behaviour = one(json, 'aws_cloudfront_distribution').default_cache_behavior as Body;
    expect(behaviour.response_headers_policy_id).toBe(refTo(json, 'aws_cloudfront_response_headers_policy', policy, 'id'));
  });

  it('forwards to the services only requests carrying the secret header CloudFront adds', () => {
    const distribution = one(json, 'aws_cloudfront_distribution');
    const albOrigin = asArray(distribution.origin).find((o) => (o as Body).origin_id === 'alb') as Body;
    expect(albOrigin.custom_header).toEqual([{ name: 'X-CodeSync-Origin', value: '${var.origin_secret}' }]);
    const rules = list(json, 'aws_lb_listener_rule');
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(asArray(rule.condition)).toContainEqual({ http_header: { http_header_name: 'X-CodeSync-Origin', values: ['${var.origin_secret}'] } });
    }
    expect(json.variable?.origin_secret).toMatchObject({ sensitive: true });
  });

  it('lets only the ALB reach the service ports, and only the services reach the data stores', () => {
    const sources = (group: string) =>
      ingress
        .filter((r) => r.security_group_id === sgRef(group))
        .map((r) => [r.from_port, r.to_port, r.referenced_security_group_id]);
    expect(sources('api')).toEqual([[3000, 3000, sgRef('alb')]]);
    expect(sources('sync')).toEqual([[3001, 3001, sgRef('alb')]]);
    expect(sources('database')).toEqual([[5432, 5432, sgRef('api')]]);
    expect(sources('cache')).toEqual(
      expect.arrayContaining([
        [6379, 6379, sgRef('api')],
        [6379, 6379, sgRef('sync')],
      ]),
    );
    expect(sources('cache')).toHaveLength(2);
  });

  it('gives the data stores no egress at all', () => {
    const egress = list(json, 'aws_vpc_security_group_egress_rule');
    for (const group of ['database', 'cache']) {
      expect(egress.filter((r) => r.security_group_id === sgRef(group))).toEqual([]);
    }
    expect(egress.every((r) => r.ip_protocol !== '-1')).toBe(true);
  });

  it('blocks public access on every bucket with all four flags', () => {
    const buckets = resources(json, 'aws_s3_bucket');
    const blocks = list(json, 'aws_s3_bucket_public_access_block');
    expect(Object.keys(buckets).length).toBeGreaterThanOrEqual(2);
    for (const name of Object.keys(buckets)) {
      const block = blocks.find((b) => b.bucket === `\${aws_s3_bucket.${name}.id}`);
      expect(block, `public access block for ${name}`).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    }
  });

  it('encrypts every bucket, secret topic and log at rest', () => {
    const sse = list(json, 'aws_s3_bucket_server_side_encryption_configuration');
    for (const name of Object.keys(resources(json, 'aws_s3_bucket'))) {
      const config = sse.find((c) => c.bucket === `\${aws_s3_bucket.${name}.id}`);
      expect(config, `encryption for ${name}`).toBeDefined();
      const rule = asArray(config?.rule as Body[])[0] as { apply_server_side_encryption_by_default: { sse_algorithm: string } };
      expect(['AES256', 'aws:kms']).toContain(rule.apply_server_side_encryption_by_default.sse_algorithm);
    }
    const topic = one(json, 'aws_sns_topic');
    expect(topic.kms_master_key_id).toBe(refTo(json, 'aws_kms_key', one(json, 'aws_kms_key'), 'arn'));
    expect(one(json, 'aws_kms_key').enable_key_rotation).toBe(true);
    for (const repo of list(json, 'aws_ecr_repository')) {
      expect(repo.encryption_configuration).toEqual([{ encryption_type: 'AES256' }]);
    }
  });

  it('grants no statement to Principal "*"', () => {
    const policies = [
      ...list(json, 'aws_s3_bucket_policy').map((p) => p.policy),
      ...list(json, 'aws_iam_role').map((r) => r.assume_role_policy),
      ...list(json, 'aws_kms_key').map((k) => k.policy),
    ];
    expect(policies.length).toBeGreaterThan(0);
    for (const text of policies) {
      for (const statement of parsePolicy(text).Statement) {
        const principal = statement.Principal as Record<string, unknown> | string | undefined;
        expect(principal).toBeDefined();
        expect(principal).not.toBe('*');
        for (const value of Object.values(principal as Record<string, unknown>)) expect(asArray(value)).not.toContain('*');
      }
    }
  });

  it('serves the web bucket only to this distribution, through OAC', () => {
    const policy = parsePolicy(one(json, 'aws_s3_bucket_policy').policy);
    const distribution = one(json, 'aws_cloudfront_distribution');
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': refTo(json, 'aws_cloudfront_distribution', distribution, 'arn') } },
      }),
    ]);
    const webOrigin = asArray(distribution.origin as Body[]).find((o) => o.origin_id === 'web');
    expect(webOrigin?.origin_access_control_id).toBe(
      refTo(json, 'aws_cloudfront_origin_access_control', one(json, 'aws_cloudfront_origin_access_control'), 'id'),
    );
  });

  describe('ECS tasks', () => {
    const containers = list(json, 'aws_ecs_task_definition').map(
      (td) => (JSON.parse(td.container_definitions as string) as Body[])[0] as Body & {
        name: string;
        environment: { name: string; value: string }[];
        secrets: { name: string; valueFrom: string }[];
      },
    );
    const byName = (name: string) => containers.find((c) => c.name === name)!;

    it('inject secrets as secrets[].valueFrom, never as plain environment', () => {
      expect(containers.map((c) => c.name).sort()).toEqual(['api', 'sync']);
      for (const c of containers) {
        const plain = c.environment.map((e) => e.name);
        expect(plain).not.toContain('JWT_SECRET');
        expect(plain).not.toContain('DATABASE_PASSWORD');
        for (const e of c.environment) expect(e.value).not.toMatch(/:\/\/[^@/]+:[^@/]+@/); // no password in a URL
        expect(c.secrets).toContainEqual({ name: 'JWT_SECRET', valueFrom: refTo(json, 'aws_secretsmanager_secret', one(json, 'aws_secretsmanager_secret'), 'arn') });
      }
      const dbSecret = `\${${'aws_db_instance'}.${Object.keys(resources(json, 'aws_db_instance'))[0]}.master_user_secret[0].secret_arn}`;
      expect(byName('api').secrets).toContainEqual({ name: 'DATABASE_PASSWORD', valueFrom: `${dbSecret}:password::` });
      expect(byName('sync').secrets.map((s) => s.name)).toEqual(['JWT_SECRET']);
    });

    it('give each execution role exactly the secrets its container reads', () => {
      for (const c of containers) {
        const role = Object.entries(resources(json, 'aws_iam_role')).find(([name]) => name.includes(`${c.name}-service_execution-role`));
        expect(role).toBeDefined();
        const policy = list(json, 'aws_iam_role_policy').find((p) => p.role === `\${aws_iam_role.${role![0]}.id}`);
        const statements = parsePolicy(policy?.policy).Statement;
        const secretStatement = statements.find((s) => asArray(s.Action as string[]).includes('secretsmanager:GetSecretValue'));
        const expected = [...new Set(c.secrets.map((s) => s.valueFrom.replace(/:password::$/, '')))].sort();
        expect(asArray(secretStatement?.Resource as string[]).sort()).toEqual(expected);
      }
    });

    it('scope task roles to the snapshot bucket with no wildcard actions', () => {
      const bucketArn = refTo(json, 'aws_s3_bucket', one(json, 'aws_s3_bucket', 'snapshots'), 'arn');
      const taskPolicies = list(json, 'aws_iam_role_policy').filter((p) => String(p.role).includes('_task-role_'));
      expect(taskPolicies).toHaveLength(2);
      for (const p of taskPolicies) {
        for (const s of parsePolicy(p.policy).Statement) {
          expect(s.Effect).toBe('Allow');
          for (const action of asArray(s.Action as string[])) {
            expect(action).not.toContain('*');
            expect(action).toMatch(/^s3:/);
          }
          for (const resource of asArray(s.Resource as string[])) expect([bucketArn, `${bucketArn}/*`]).toContain(resource);
        }
      }
    });

    it('let exactly the two deleting roles delete current snapshot objects, and no role touch object versions', () => {
      // The sync service thins the history after each save; the API deletes documents and thins after a name is cleared.
      const taskPolicies = list(json, 'aws_iam_role_policy').filter((p) => String(p.role).includes('_task-role_'));
      const actionsOf = (service: string) =>
        taskPolicies
          .filter((p) => String(p.role).includes(`_task-role_`) && String(p.role).includes(service))
          .flatMap((p) => parsePolicy(p.policy).Statement.flatMap((s) => asArray(s.Action as string[])))
          .sort();
      for (const service of ['api', 'sync']) {
        expect(actionsOf(service)).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
      }
    });

    it('use "*" resources on execution roles only for ecr:GetAuthorizationToken', () => {
      for (const p of list(json, 'aws_iam_role_policy')) {
        for (const s of parsePolicy(p.policy).Statement) {
          for (const action of asArray(s.Action as string[])) expect(action).not.toContain('*');
          if (asArray(s.Resource as string[]).includes('*')) expect(s.Action).toEqual(['ecr:GetAuthorizationToken']);
        }
      }
    });

    it('run in private subnets without public IPs', () => {
      for (const svc of list(json, 'aws_ecs_service')) {
        const net = svc.network_configuration as Body;
        expect(net.assign_public_ip).toBe(false);
        for (const subnet of asArray(net.subnets as string[])) expect(subnet).toContain('_app-');
      }
    });
  });

  it('keeps ECR tags immutable and scans on push', () => {
    const repos = list(json, 'aws_ecr_repository');
    expect(repos).toHaveLength(2);
    for (const repo of repos) {
      expect(repo.image_tag_mutability).toBe('IMMUTABLE');
      expect(repo.image_scanning_configuration).toEqual({ scan_on_push: true });
    }
  });

  it('redirects viewers to HTTPS on every CloudFront behaviour', () => {
    const distribution = one(json, 'aws_cloudfront_distribution');
    const behaviours = [distribution.default_cache_behavior as Body, ...asArray(distribution.ordered_cache_behavior as Body[])];
    for (const b of behaviours) expect(b.viewer_protocol_policy).toBe('redirect-to-https');
  });

  it('keeps the database snapshot-protected unless the environment allows data loss', () => {
    const db = one(json, 'aws_db_instance');
    expect(db.deletion_protection).toBe(!config.allowDataLoss);
    expect(db.skip_final_snapshot).toBe(config.allowDataLoss);
  });
});
