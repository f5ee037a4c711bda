import { Construct } from 'constructs';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function/index.js';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy/index.js';
import { webContentSecurityPolicy } from '@codesync/protocol';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import type { EnvironmentConfig } from '../config/schema.js';
import type { Naming } from '../naming.js';
import type { PrivateBucket } from './storage.js';

/** AWS-managed CloudFront policies (fixed ids, identical in every account). */
export const managedPolicies = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  /** Every viewer header (incl. Authorization, Upgrade, Sec-WebSocket-*), cookie and query string, but Host. */
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

export interface CdnProps {
  naming: Naming;
  config: EnvironmentConfig['cdn'];
  webBucket: PrivateBucket;
  /** Path patterns served by the ALB, uncached. */
  dynamicPaths: readonly string[];
  /** Sent on every request to the ALB, which forwards nothing without it. */
  originHeader: { name: string; value: string };
}

// Client-side routes (e.g. /d/:id) have no file: serve index.html for any path
// without an extension. Done per request rather than with custom error
// responses, which would also rewrite the API's own 403/404 answers.
const spaRewrite = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * CloudFront in front of everything: the web bucket through Origin Access
 * Control (the bucket stays private), and the API and sync paths to the ALB,
 * uncached, with all viewer headers so WebSocket upgrades pass.
 */
export class Cdn extends Construct {
  readonly domainName: string;
  readonly distributionId: string;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const { naming, config, webBucket } = props;
    const custom = config.customDomain;
    const oac = new CloudfrontOriginAccessControl(this, 'oac', {
      name: naming.name('generic', 'web-oac'),
      description: 'CodeSync web bucket',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const rewrite = new CloudfrontFunction(this, 'spa-rewrite', {
      name: naming.name('cloudfrontFunction', 'spa-rewrite'),
      runtime: 'cloudfront-js-2.0',
      comment: 'Serve index.html for client-side routes',
      publish: true,
      code: spaRewrite,
    });

    // The managed SecurityHeadersPolicy has no CSP: the web app's own (packages/protocol, as `pnpm start` sends it).
    const webHeaders = new CloudfrontResponseHeadersPolicy(this, 'web-headers', {
      name: naming.name('generic', 'web-headers'),
      comment: 'CodeSync web app: CSP and security headers',
      securityHeadersConfig: {
        contentSecurityPolicy: { contentSecurityPolicy: webContentSecurityPolicy(), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        strictTransportSecurity: { accessControlMaxAgeSec: 31_536_000, includeSubdomains: true, override: true },
      },
    });

    const webOrigin = 'web';
    const appOrigin = 'alb';
    const distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${naming.prefix} web app, API and sync`,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: config.priceClass,
      defaultRootObject: 'index.html',
      aliases: custom?.aliases,
      origin: [
        { originId: webOrigin, domainName: webBucket.regionalDomainName, originAccessControlId: oac.id },
        {
          originId: appOrigin,
          // The ALB by the name its certificate covers (cdn.origin), never its own DNS name.
          domainName: config.origin.domainName,
          customHeader: [props.originHeader],
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            // Passwords, tokens and document text: never plain HTTP, in any environment.
            originProtocolPolicy: 'https-only',
            originSslProtocols: ['TLSv1.2'],
            originReadTimeout: 60,
            originKeepaliveTimeout: 60,
          },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: webOrigin,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: managedPolicies.cachingOptimized,
        responseHeadersPolicyId: webHeaders.id,
        functionAssociation: [{ eventType: 'viewer-request', functionArn: rewrite.arn }],
      },
      orderedCacheBehavior: props.dynamicPaths.map((pathPattern) => ({
        pathPattern,
        targetOriginId: appOrigin,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
        cachedMethods: ['GET', 'HEAD'],
        compress: false,
        cachePolicyId: managedPolicies.cachingDisabled,
        originRequestPolicyId: managedPolicies.allViewerExceptHostHeader,
      })),
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: custom
        ? { acmCertificateArn: custom.cloudfrontCertificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
    });
    this.domainName = distribution.domainName;
    this.distributionId = distribution.id;

    // Only this distribution, signing as the CloudFront service, may read the bucket.
    new S3BucketPolicy(this, 'web-bucket-policy', {
      bucket: webBucket.bucketId,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudFrontReadsWebApp',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: `${webBucket.arn}/*`,
            Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
          },
        ],
      }),
    });
  }
}
