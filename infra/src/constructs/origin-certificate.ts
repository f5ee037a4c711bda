import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation/index.js';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
import type { OriginConfig } from '../config/schema.js';
import type { Naming } from '../naming.js';

export interface OriginCertificateProps {
  naming: Naming;
  config: OriginConfig;
}

/**
 * The certificate the ALB's HTTPS listener presents to CloudFront for the
 * origin name. With a Route 53 hosted zone it is issued here and validated by
 * DNS (the listener waits for validation); otherwise it is the operator's ACM
 * certificate, used as given.
 */
export class OriginCertificate extends Construct {
  readonly domainName: string;
  readonly certificateArn: string;
  private readonly zoneId: string | undefined;

  constructor(scope: Construct, id: string, props: OriginCertificateProps) {
    super(scope, id);
    const { naming, config } = props;
    this.domainName = config.domainName;
    this.zoneId = config.hostedZoneId;
    if (!config.hostedZoneId) {
      if (!config.certificateArn) throw new Error('internal: cdn.origin has neither hostedZoneId nor certificateArn');
      this.certificateArn = config.certificateArn;
      return;
    }
    const certificate = new AcmCertificate(this, 'certificate', {
      domainName: config.domainName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: naming.name('generic', 'origin') },
    });
    // One name, so one validation record (domain_validation_options is a set; cdktf renders it as a list).
    const option = (key: string) => Token.asString(Fn.lookup(Fn.element(certificate.domainValidationOptions, 0), key));
    const record = new Route53Record(this, 'validation-record', {
      zoneId: config.hostedZoneId,
      name: option('resource_record_name'),
      type: option('resource_record_type'),
      records: [option('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
    this.certificateArn = validation.certificateArn;
  }

  /** With a hosted zone, the origin name becomes an alias of the ALB; otherwise the operator adds that record. */
  pointAt(target: { dnsName: string; zoneId: string }): void {
    if (!this.zoneId) return;
    new Route53Record(this, 'alias', {
      zoneId: this.zoneId,
      name: this.domainName,
      type: 'A',
      alias: { name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: false },
    });
  }
}
