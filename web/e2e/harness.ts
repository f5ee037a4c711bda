// Test harness for the browser tests: builds web/dist when stale, starts the
// embedded server (`pnpm start`) on a free port with a fresh data dir, and
// launches Debian's Chromium through playwright-core (never a downloaded browser).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(webDir, '..');

/** Why the browser tests cannot run here, or null. Under CI a missing browser is an error. */
export function skipReason(ci: boolean): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (ci) throw new Error(`CI=true but ${reason}: refusing to skip the browser tests`);
  process.stdout.write(`\n[codesync web] skipping browser tests: ${reason}\n`);
  return reason;
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/**
 * Builds web/dist unless it is newer than every source file of the app. NODE_ENV is
 * forced: under vitest it is "test", and React would ship its development build.
 */
export function ensureBuilt(env: NodeJS.ProcessEnv): void {
  const index = path.join(webDir, 'dist', 'index.html');
  const inputs = ['src', 'public', 'build', 'index.html', 'vite.config.ts'].map((p) => path.join(webDir, p));
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...inputs.filter(existsSync).map(newestMtime))) return;
  const result = spawnSync('pnpm', ['--filter', '@codesync/web', 'build'], {
    cwd: repoDir,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess | null, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${baseUrl} not healthy within 60 s:\n${output()}`);
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The test process's environment, passed on to the server minus the distributed-mode variables. */
  env: NodeJS.ProcessEnv;
  /** A server already running (CODESYNC_E2E_URL), used instead of starting one. */
  externalUrl?: string;
  /**
   * One instance of a distributed deployment: these variables (DATABASE_URL,
   * REDIS_URL, JWT_SECRET, …) and this data directory (file snapshots) are
   * shared with the other instances, so they are kept, and left in place on stop.
   */
  shared?: { env: Record<string, string>; dataDir: string };
}

/** `pnpm start` in embedded mode on a free port with a fresh DATA_DIR. */
/** Resolves once no process of the group is left (the SIGKILL timer ends a hung one). */
async function groupGone(pid: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const external = options.externalUrl;
  if (external) {
    await waitForHealth(external, null, () => '');
    return { baseUrl: external, stop: async () => undefined };
  }
  const port = await freePort();
  const dataDir = options.shared?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'codesync-e2e-'));
  const env: NodeJS.ProcessEnv = { ...options.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET', 'S3_ENDPOINT']) delete env[name];
  Object.assign(env, options.shared?.env, { PORT: String(port), DATA_DIR: dataDir, WEB_DIST: path.join(webDir, 'dist'), LOG_LEVEL: 'warn' });
  const child = spawn('pnpm', ['start'], { cwd: repoDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
      await exited;
      // pnpm can exit before the server it started has drained: wait for the whole group,
      // or the data directory is removed while the server still writes into it.
      await groupGone(child.pid);
      clearTimeout(timer);
    }
    if (!options.shared) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}
