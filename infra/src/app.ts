import { App } from 'cdktf';
import type { EnvironmentConfig } from './config/schema.js';
import { CodeSyncStack } from './stack.js';

export interface CreateAppOptions {
  configs: readonly EnvironmentConfig[];
  /** Where `synth()` writes; cdktf's default (`cdktf.out`, or what the CLI passes) when unset. */
  outdir?: string;
}

/** One stack per environment, named `<project>-<env>`. */
export function createApp({ configs, outdir }: CreateAppOptions): App {
  const app = new App(outdir ? { outdir } : undefined);
  for (const config of configs) new CodeSyncStack(app, stackId(config), config);
  return app;
}

export function stackId(config: Pick<EnvironmentConfig, 'project' | 'name'>): string {
  return `${config.project}-${config.name}`;
}
