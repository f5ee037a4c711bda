import { environments } from './environments.js';
import { validateEnvironmentConfig, type EnvironmentConfig } from './schema.js';

type Env = Record<string, string | undefined>;

/**
 * The environments to synthesise, with the account-specific values an operator
 * sets in the shell (`CODESYNC_STATE_BUCKET`, `CODESYNC_STATE_REGION`,
 * `CODESYNC_ALARM_EMAIL`) laid over the checked-in defaults, then validated.
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
    }),
  );
}
