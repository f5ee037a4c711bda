import type { SystemSpec, RunningSystem } from './systems/catalog.js';
import type { BenchRedis } from './redis.js';
import type { Sizes } from './sizes.js';
import type { TokenFactory } from './tokens.js';

/** One row of a scenario's table: display cells by column, and the raw figures for JSON. */
export interface ScenarioRow {
  cells: Record<string, string>;
  data: Record<string, unknown>;
}

export interface ScenarioContext {
  system: RunningSystem;
  sizes: Sizes;
  tokens: TokenFactory;
  redis: BenchRedis;
  log(message: string): void;
}

export interface ChartSeries {
  /** One bar group per system; one bar per series. */
  label: string;
  unit: string;
  /** Which `data` field of a row holds the value (numbers only; others are skipped). */
  field: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** Why this system cannot run the scenario, or undefined when it can. */
  notApplicable?(spec: SystemSpec): string | undefined;
  run(context: ScenarioContext): Promise<ScenarioRow>;
  chart: { title: string; series: ChartSeries[]; lowerIsBetter: boolean };
}
