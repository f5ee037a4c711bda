import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.figures.jsonl');

/**
 * Records what a fault test measured (cases tried, latencies, memory) as one
 * JSON line on stdout and in `faults/.figures.jsonl` (or FAULTS_FIGURES), the
 * source of the figures in docs/reliability.md.
 */
export function recordFigure(test: string, figures: Record<string, number | string>): void {
  const line = JSON.stringify({ test, ...figures, at: new Date().toISOString() });
  process.stdout.write(`[faults] ${line}\n`);
  appendFileSync(process.env.FAULTS_FIGURES ?? defaultFile, `${line}\n`);
}
