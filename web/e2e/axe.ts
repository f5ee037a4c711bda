// axe-core in the page under test: every rule it ships, none disabled.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const describeViolation = (result: Result): Violation => ({
  rule: result.id,
  impact: result.impact ?? 'unknown',
  help: result.help,
  targets: result.nodes.map((node) => node.target.join(' ')),
});

/** Every accessibility violation axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations.map(describeViolation);
}
