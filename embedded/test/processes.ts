import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppProcess, type AppProcess } from '@codesync/testing';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Service = AppProcess;

/** One app exactly as `pnpm start` / `start:api` / `start:sync` runs it, configured by the environment. */
export function startService(app: 'server' | 'sync' | 'embedded', env: Record<string, string>, healthPath: string): Promise<Service> {
  return startAppProcess({ cwd: path.join(repoRoot, app), env, healthPath });
}
