import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@codesync/testing';

const syncDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

export interface ChildSync {
  port: number;
  url: string;
  process: ChildProcess;
  /** stderr so far, for failure messages. */
  output(): string;
}

/** A real `pnpm start:sync` process (same entry point), configured by environment. */
export async function startChildSync(env: Record<string, string>, port?: number): Promise<ChildSync> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: syncDir,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(listenPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${listenPort}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`sync exited ${child.exitCode}: ${stderr}`);
      return (await fetch(`${url}/socket/health`)).ok;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'child sync health' },
  );
  return { port: listenPort, url: `ws://127.0.0.1:${listenPort}`, process: child, output: () => stderr };
}

export async function killHard(child: ChildSync): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}
