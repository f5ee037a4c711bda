import { describe, expect, it } from 'vitest';
import { asArray, list, one, refTo, synthesize, variants, type Body } from './synthesized.js';

// Issue 16, finding 1: CloudFront reached the ALB over plain HTTP unless a custom domain was set.
describe.each(variants)('HTTPS from CloudFront to the ALB in %s', (_label, config) => {
  const json = synthesize(config);

  // Issue 16, finding 1: the ALB served plain HTTP on 80 unless a custom domain was configured.
  it('serves HTTPS on 443 with the origin certificate and only redirects 80', () => {
    const listeners = list(json, 'aws_lb_listener');
    expect(listeners.map((l) => [l.port, l.protocol]).sort()).toEqual([[443, 'HTTPS'], [80, 'HTTP']]);
    const https = listeners.find((l) => l.port === 443)!;
    const origin = config.cdn.origin;
    const certificate = origin.hostedZoneId
      ? refTo(json, 'aws_acm_certificate_validation', one(json, 'aws_acm_certificate_validation'), 'certificate_arn')
      : origin.certificateArn;
    expect(https.certificate_arn).toBe(certificate);
    expect(String(https.ssl_policy)).toMatch(/TLS13/);
    const http = listeners.find((l) => l.port === 80)!;
    expect(asArray(http.default_action as Body[])).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
    ]);
    // The CloudFront-only rules (path + secret origin header) sit on 443; 80 forwards nothing.
    const listenerRef = refTo(json, 'aws_lb_listener', https, 'arn');
    const rules = list(json, 'aws_lb_listener_rule');
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.listener_arn).toBe(listenerRef);
      expect(asArray(rule.condition as Body[]).map((c) => Object.keys(c)[0]).sort()).toEqual(['http_header', 'path_pattern']);
    }
  });

  it(config.cdn.origin.hostedZoneId ? 'issues the origin certificate by DNS in the zone and aliases the name to the ALB' : 'uses the given origin certificate and creates no DNS', () => {
    const { domainName, hostedZoneId } = config.cdn.origin;
    const records = list(json, 'aws_route53_record');
    if (!hostedZoneId) {
      expect(records).toEqual([]);
      expect(list(json, 'aws_acm_certificate')).toEqual([]);
      return;
    }
    const certificate = one(json, 'aws_acm_certificate');
    expect(certificate).toMatchObject({ domain_name: domainName, validation_method: 'DNS', lifecycle: { create_before_destroy: true } });
    const validationRecord = records.find((r) => r.type !== 'A')!;
    expect(validationRecord.zone_id).toBe(hostedZoneId);
    expect(String(validationRecord.name)).toContain(`aws_acm_certificate.`);
    expect(one(json, 'aws_acm_certificate_validation').validation_record_fqdns).toEqual([refTo(json, 'aws_route53_record', validationRecord, 'fqdn')]);
    const alb = one(json, 'aws_lb');
    const alias = records.find((r) => r.type === 'A')!;
    expect(alias).toMatchObject({ zone_id: hostedZoneId, name: domainName });
    expect(alias.alias).toMatchObject({ name: refTo(json, 'aws_lb', alb, 'dns_name'), zone_id: refTo(json, 'aws_lb', alb, 'zone_id') });
  });

  it('sends CloudFront to the origin name over HTTPS only, TLS 1.2', () => {
    const origins = asArray(one(json, 'aws_cloudfront_distribution').origin as Body[]);
    const alb = origins.find((o) => o.origin_id === 'alb')!;
    expect(alb.domain_name).toBe(config.cdn.origin.domainName);
    expect(alb.custom_origin_config).toMatchObject({ origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'], https_port: 443 });
  });
});
