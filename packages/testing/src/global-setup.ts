/**
 * Vitest global setup: says which integration suites will be skipped for want
 * of a service, and fails the run under CI=true instead of skipping silently.
 */
export default function setup(): void {
  const missing: string[] = [];
  if (!process.env.DATABASE_URL) missing.push('DATABASE_URL (PostgreSQL suites)');
  if (!process.env.REDIS_URL) missing.push('REDIS_URL (Redis suites)');
  if (missing.length === 0) return;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${missing.join(' and ')} unset: refusing to skip integration tests`);
  }
  process.stdout.write(`\n[codesync] skipping suites that need: ${missing.join(', ')}\n\n`);
}
