import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb/index.js';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group/index.js';
import { LbListener, type LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener/index.js';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule/index.js';
import type { Naming } from '../naming.js';

export interface RouteTarget {
  /** Short name: `api`, `sync`. */
  name: string;
  port: number;
  /** Path pattern routed to this target, e.g. `/api/*`. */
  pathPattern: string;
  healthCheckPath: string;
  /** Pin a client to one task (the sync service keeps rooms in memory). */
  sticky: boolean;
  deregistrationDelaySeconds: number;
}

export interface LoadBalancerProps {
  naming: Naming;
  vpcId: string;
  subnetIds: string[];
  securityGroupId: string;
  idleTimeoutSeconds: number;
  targets: readonly RouteTarget[];
  /** For the origin name CloudFront uses: 443 serves with it, 80 only redirects to 443. */
  certificateArn: string;
  /** A header CloudFront adds to every origin request; requests without it get the 404 default. */
  originHeader: { name: string; value: string };
}

export interface TargetGroupRef {
  arn: string;
  arnSuffix: string;
}

/** The public ALB, path-routing `/api/*` and `/socket/*` to their target groups. */
export class LoadBalancer extends Construct {
  readonly dnsName: string;
  readonly zoneId: string;
  readonly arnSuffix: string;
  readonly targetGroups: Record<string, TargetGroupRef> = {};
  /** Listener and rules: ECS only accepts a target group already attached to the ALB. */
  readonly routing: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { naming } = props;
    const alb = new Lb(this, 'alb', {
      name: naming.name('loadBalancer', 'alb'),
      loadBalancerType: 'application',
      internal: false,
      subnets: props.subnetIds,
      securityGroups: [props.securityGroupId],
      idleTimeout: props.idleTimeoutSeconds,
      dropInvalidHeaderFields: true,
      enableHttp2: true,
    });
    this.dnsName = alb.dnsName;
    this.zoneId = alb.zoneId;
    this.arnSuffix = alb.arnSuffix;

    const notFound: LbListenerDefaultAction = {
      type: 'fixed-response',
      fixedResponse: {
        contentType: 'application/json',
        statusCode: '404',
        messageBody: '{"error":{"code":"not_found","message":"no such route"}}',
      },
    };
    const listener = new LbListener(this, 'https', {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificateArn: props.certificateArn,
      defaultAction: [notFound],
    });
    // Never serves: anything arriving on 80 is sent to HTTPS.
    new LbListener(this, 'http-redirect', {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    });
    this.routing.push(listener);
    props.targets.forEach((target, i) => {
      const group = new LbTargetGroup(this, `${target.name}-tg`, {
        name: naming.name('targetGroup', target.name),
        port: target.port,
        protocol: 'HTTP',
        targetType: 'ip',
        vpcId: props.vpcId,
        deregistrationDelay: String(target.deregistrationDelaySeconds),
        healthCheck: {
          enabled: true,
          path: target.healthCheckPath,
          port: 'traffic-port',
          protocol: 'HTTP',
          matcher: '200',
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        stickiness: target.sticky
          ? { type: 'lb_cookie', enabled: true, cookieDuration: 86400 }
          : { type: 'lb_cookie', enabled: false },
      });
      const rule = new LbListenerRule(this, `${target.name}-rule`, {
        listenerArn: listener.arn,
        priority: (i + 1) * 10,
        condition: [
          { pathPattern: { values: [target.pathPattern] } },
          { httpHeader: { httpHeaderName: props.originHeader.name, values: [props.originHeader.value] } },
        ],
        action: [{ type: 'forward', targetGroupArn: group.arn }],
      });
      this.routing.push(rule);
      this.targetGroups[target.name] = { arn: group.arn, arnSuffix: group.arnSuffix };
    });
  }
}
