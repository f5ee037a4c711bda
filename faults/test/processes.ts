import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@codesync/testing';
import { freePort } from './ports.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type App = 'server' | 'sync';

export interface AppProcess {
  app: App;
  port: number;
  child: ChildProcess;
  /** What the process wrote to stderr (its warnings and errors), for assertions and failure messages. */
  stderr(): string;
  alive(): boolean;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL; resolves once it is gone. */
  kill(): Promise<void>;
}

const healthPath: Record<App, string> = { server: '/api/health', sync: '/socket/health' };

/**
 * `pnpm start:api` / `pnpm start:sync` as a child process (`tsx src/main.ts`
 * in its package), configured only by the environment; resolves once its
 * health answers 200. `port` reuses a port (a restart in place).
 */
export async function startApp(app: App, env: Record<string, string>, port?: number): Promise<AppProcess> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, app),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(listenPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const exit = (signal: NodeJS.Signals) => {
    if (!alive()) return Promise.resolve(child.exitCode);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  };
  try {
    await waitFor(
      async () => {
        if (!alive()) throw new Error(`${app} exited ${child.exitCode}: ${stderr.slice(-2000)}`);
        return (await fetch(`http://127.0.0.1:${listenPort}${healthPath[app]}`)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `${app} health on ${listenPort}` },
    );
  } catch (error) {
    await exit('SIGKILL');
    throw error;
  }
  return {
    app,
    port: listenPort,
    child,
    stderr: () => stderr,
    alive,
    stop: () => exit('SIGTERM'),
    kill: async () => void (await exit('SIGKILL')),
  };
}
