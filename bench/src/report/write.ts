import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioResult } from '../run.js';
import { SCENARIOS } from '../scenarios/index.js';
import { barChart } from './svg.js';
import { NOTE, renderTable } from './table.js';

export function tableOf(result: ScenarioResult): string {
  return renderTable(
    result.title,
    result.rows.map((row) => ({
      system: row.label,
      cells: row.notApplicable ? { [NOTE]: `n/a: ${row.notApplicable}` } : row.error ? { [NOTE]: `failed: ${row.error}` } : (row.cells ?? {}),
    })),
  );
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Writes results.json and one SVG chart per scenario into `dir`. */
export function writeResults(dir: string, meta: Record<string, unknown>, results: ScenarioResult[]): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [path.join(dir, 'results.json')];
  writeFileSync(files[0] ?? '', `${JSON.stringify({ ...meta, machine: machine(), results }, null, 1)}\n`);
  for (const result of results) {
    const scenario = SCENARIOS.find((s) => s.id === result.id);
    if (!scenario) continue;
    const groups = result.rows.map((row) => ({
      label: row.label,
      values: scenario.chart.series.map((s) => {
        const value = row.data?.[s.field];
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      }),
    }));
    const file = path.join(dir, `${result.id.toLowerCase()}.svg`);
    writeFileSync(file, barChart(scenario.chart.title, scenario.chart.series, groups));
    files.push(file);
  }
  return files;
}
