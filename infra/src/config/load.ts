import { environments } from './environments.js';
import { validateEnvironmentConfig, type EnvironmentConfig, type EnvironmentInput } from './schema.js';

type Env = Record<string, string | undefined>;

/**
 * The environments to synthesise, with the account-specific values an operator
 * sets in the shell (`CODESYNC_STATE_BUCKET`, `CODESYNC_STATE_REGION`,
 * `CODESYNC_ALARM_EMAIL`, `CODESYNC_ORIGIN_*`) laid over the checked-in
 * defaults, then validated.
 */
export function loadEnvironments(env: Env): EnvironmentConfig[] {
  return environments.map((base) =>
    validateEnvironmentConfig({
      ...base,
      state: {
        bucket: env.CODESYNC_STATE_BUCKET || base.state.bucket,
        region: env.CODESYNC_STATE_REGION || base.state.region,
      },
      alarmEmail: env.CODESYNC_ALARM_EMAIL || base.alarmEmail,
      cdn: { ...base.cdn, origin: originFromShell(base, env) ?? base.cdn.origin },
    }),
  );
}

/**
 * `CODESYNC_ORIGIN_DOMAIN` is a DNS name the operator controls (e.g.
 * `codesync.example.com`); each environment's origin is `origin-<env>.<it>`, so
 * one Route 53 zone (`CODESYNC_ORIGIN_ZONE_ID`) or one wildcard certificate
 * (`CODESYNC_ORIGIN_CERTIFICATE_ARN`, `*.<it>`) serves every environment.
 */
function originFromShell(base: EnvironmentInput, env: Env): EnvironmentInput['cdn']['origin'] {
  const parent = env.CODESYNC_ORIGIN_DOMAIN;
  if (!parent) return undefined;
  const zone = env.CODESYNC_ORIGIN_ZONE_ID;
  const certificate = env.CODESYNC_ORIGIN_CERTIFICATE_ARN;
  return {
    domainName: `origin-${base.name}.${parent}`,
    ...(zone ? { hostedZoneId: zone } : {}),
    ...(certificate ? { certificateArn: certificate } : {}),
  };
}
