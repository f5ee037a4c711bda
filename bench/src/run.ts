import { randomBytes } from 'node:crypto';
import { openBenchRedis } from './redis.js';
import type { Scenario, ScenarioRow } from './scenario.js';
import { SCENARIOS } from './scenarios/index.js';
import { PROFILES, type Profile } from './sizes.js';
import { SYSTEMS, startSystem, type SystemId } from './systems/catalog.js';
import { createTokenFactory } from './tokens.js';

export interface BenchOptions {
  profile: Profile;
  systems: readonly SystemId[];
  scenarios: readonly string[];
  /** Redis to use when not starting a private one. */
  redisUrl?: string;
  privateRedis: boolean;
  log(message: string): void;
}

export interface SystemResult extends Partial<ScenarioRow> {
  system: SystemId;
  label: string;
  /** Set when the system could not run the scenario: the reason, shown as n/a. */
  notApplicable?: string;
  error?: string;
  seconds: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  rows: SystemResult[];
}

/**
 * Runs every scenario against every system, each pair on freshly started
 * processes, sharing one Redis under a prefix of this run's own.
 */
export async function runBench(options: BenchOptions): Promise<ScenarioResult[]> {
  const sizes = PROFILES[options.profile];
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const redis = await openBenchRedis({ url: options.redisUrl, prefix: `bench:${runId}:`, private: options.privateRedis });
  const jwtSecret = randomBytes(24).toString('hex');
  const tokens = createTokenFactory(jwtSecret);
  const selected = SCENARIOS.filter((s) => options.scenarios.includes(s.id));
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of selected) {
      options.log(`${scenario.title}`);
      const rows: SystemResult[] = [];
      for (const id of options.systems) rows.push(await runOne(scenario, id));
      results.push({ id: scenario.id, title: scenario.title, rows });
    }
  } finally {
    await redis.close();
  }
  return results;

  async function runOne(scenario: Scenario, id: SystemId): Promise<SystemResult> {
    const spec = SYSTEMS[id];
    const started = performance.now();
    const base = { system: id, label: spec.label };
    const reason = scenario.notApplicable?.(spec);
    if (reason) return { ...base, notApplicable: reason, seconds: 0 };
    options.log(` ${spec.label}`);
    const system = await startSystem(id, { redisUrl: redis.url, redisPrefix: redis.prefix, jwtSecret });
    try {
      const row = await scenario.run({ system, sizes, tokens, redis, log: options.log });
      return { ...base, ...row, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      // One system failing a scenario is a finding for its row, not the end of the run.
      const message = (error as Error).message;
      options.log(`  failed: ${message}`);
      return { ...base, error: message, seconds: (performance.now() - started) / 1000 };
    } finally {
      await system.stop();
    }
  }
}
