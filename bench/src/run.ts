import { randomBytes } from 'node:crypto';
import { openBenchRedis } from './redis.js';
import type { Scenario, ScenarioRow } from './scenario.js';
import { SCENARIOS } from './scenarios/index.js';
import { PROFILES, type Profile } from './sizes.js';
import { SYSTEMS, startSystem, type RunningSystem, type SystemId } from './systems/catalog.js';
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
  const rows = new Map<string, SystemResult[]>(selected.map((s) => [s.id, []]));
  // Fresh processes for every scenario, except in a smoke run, where start-up time would dominate.
  const fresh = options.profile !== 'smoke';
  try {
    for (const id of options.systems) {
      const spec = SYSTEMS[id];
      options.log(`${spec.label}`);
      let system: RunningSystem | undefined;
      for (const scenario of selected) {
        const reason = scenario.notApplicable?.(spec);
        if (reason) {
          rows.get(scenario.id)?.push({ system: id, label: spec.label, notApplicable: reason, seconds: 0 });
          continue;
        }
        if (fresh && system) {
          await system.stop();
          system = undefined;
        }
        system ??= await startSystem(id, { redisUrl: redis.url, redisPrefix: redis.prefix, jwtSecret });
        const result = await runOne(scenario, system);
        if (result.error) {
          await system.stop();
          system = undefined;
        }
        rows.get(scenario.id)?.push(result);
      }
      await system?.stop();
    }
  } finally {
    await redis.close();
  }
  return selected.map((s) => ({ id: s.id, title: s.title, rows: rows.get(s.id) ?? [] }));

  async function runOne(scenario: Scenario, system: RunningSystem): Promise<SystemResult> {
    // The generator is one process: garbage left by the last scenario (S1's thousand
    // sockets) must not be collected in the middle of this one's latencies.
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    const base = { system: system.spec.id, label: system.spec.label };
    options.log(` ${scenario.id}`);
    try {
      const meter = system.redisMeter ? { ...redis, ...system.redisMeter } : redis;
      const row = await scenario.run({ system, sizes, tokens, redis: meter, log: options.log });
      return { ...base, ...row, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      // One system failing a scenario is a finding for its row, not the end of the run.
      const message = (error as Error).message;
      options.log(`  failed: ${message}`);
      return { ...base, error: message, seconds: (performance.now() - started) / 1000 };
    }
  }
}
