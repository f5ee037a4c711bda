import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppProcess, type AppProcess as TestingAppProcess } from '@codesync/testing';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type App = 'server' | 'sync';

export interface AppProcess extends TestingAppProcess {
  app: App;
}

const healthPath: Record<App, string> = { server: '/api/health', sync: '/socket/health' };

/**
 * `pnpm start:api` / `pnpm start:sync` as a child process (`tsx src/main.ts`
 * in its package), configured only by the environment; resolves once its
 * health answers 200. `port` reuses a port (a restart in place).
 */
export async function startApp(app: App, env: Record<string, string>, port?: number): Promise<AppProcess> {
  const started = await startAppProcess({ cwd: path.join(repoRoot, app), env, healthPath: healthPath[app], port });
  return { ...started, app };
}
