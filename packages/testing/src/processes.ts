import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { startScriptFlags } from './start-script.js';
import { waitFor } from './wait-for.js';

/** A port that was free a moment ago on 127.0.0.1 (for processes that must be told their port). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface AppProcess {
  port: number;
  child: ChildProcess;
  stderr(): string;
  alive(): boolean;
  /** SIGTERM, then the exit code (null if it died of a signal). */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * A real app process from its sources, `node <flags> --import tsx src/main.ts`
 * in `cwd`, with the node flags of its start script (start-script.ts) but its
 * TypeScript rather than the compiled tree (`runCompiledEntryPoint` runs that),
 * configured only by `env`, ready once `healthPath` answers 200.
 */
export async function startAppProcess(options: {
  cwd: string;
  env: Record<string, string>;
  healthPath: string;
  port?: number;
}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const flags = startScriptFlags(options.cwd).filter((flag) => !flag.startsWith('--conditions='));
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/main.ts'], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waitExit = () => new Promise<void>((resolve) => (exited(child) ? resolve() : child.once('exit', () => resolve())));
  try {
    await waitFor(
      async () => {
        if (exited(child)) throw new Error(`process in ${options.cwd} exited (${child.exitCode}): ${stderr.slice(-2000)}`);
        return (await fetch(`http://127.0.0.1:${port}${options.healthPath}`)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `${options.cwd} health on ${port}` },
    );
  } catch (error) {
    // Never leave a half-started process behind a failed test.
    child.kill('SIGKILL');
    await waitExit();
    throw error;
  }
  return {
    port,
    child,
    stderr: () => stderr,
    alive: () => !exited(child),
    async stop() {
      if (!exited(child)) child.kill('SIGTERM');
      await waitExit();
      return child.exitCode;
    },
    async kill() {
      if (!exited(child)) child.kill('SIGKILL');
      await waitExit();
    },
  };
}
