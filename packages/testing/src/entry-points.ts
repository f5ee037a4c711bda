import { execFileSync, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScriptFlags } from './start-script.js';
import { expect } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface EntryPointRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an app's compiled entry point (`node <its start script's flags>
 * dist/main.js`, what `pnpm start*` and the images run) to its exit, with only
 * `env` (and PATH) set; builds it first if its sources changed. A process
 * still running after `timeoutMs` is killed (code null): it did not fail.
 */
export async function runCompiledEntryPoint(
  app: 'server' | 'sync' | 'embedded',
  env: Record<string, string>,
  timeoutMs = 90_000,
  /** Another compiled entry point than main.js (e.g. `admin.js`) and its arguments. */
  command: { entry?: string; args?: string[] } = {},
): Promise<EntryPointRun> {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', app], { cwd: repoRoot, stdio: 'pipe' });
  const appDir = path.join(repoRoot, app);
  // The start script's flags include `--conditions=codesync-compiled`, which selects each package's dist/.
  const child = spawn(process.execPath, [...startScriptFlags(appDir), `dist/${command.entry ?? 'main.js'}`, ...(command.args ?? [])], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A port a listener of this test's own holds, to start an app on when "port in use" is the point. */
export async function occupiedPort(): Promise<{ port: number; release(): Promise<void> }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, resolve));
  return {
    port: (holder.address() as AddressInfo).port,
    release: () => new Promise((resolve) => holder.close(() => resolve())),
  };
}

/** The run failed as an operator should see it: exactly `line` on stderr, nothing on stdout, exit code 1. */
export function expectStartupFailure(run: EntryPointRun, line: string): void {
  expect({ stderr: run.stderr, stdout: run.stdout, code: run.code }).toEqual({ stderr: `${line}\n`, stdout: '', code: 1 });
}
