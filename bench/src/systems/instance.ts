import { spawn, type ChildProcess } from 'node:child_process';
import { until } from '../stats.js';

export interface InstanceCommand {
  cwd: string;
  /** Node's flags before the script: `--import tsx` for TypeScript fixtures. */
  nodeArgs: string[];
  /** Entry script, relative to `cwd`. */
  script: string;
  env: Record<string, string>;
  /** Path answering `{ rooms, connections }` as JSON. */
  healthPath: string;
}

export interface Health {
  rooms: number;
  connections: number;
}

/** One server process of a system under test, restartable on its port. */
export interface Instance {
  readonly port: number;
  readonly base: string;
  readonly pid: number;
  health(): Promise<Health>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
// Whatever happens to the bench, no server outlives it.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startInstance(command: InstanceCommand, port: number): Promise<Instance> {
  let child: ChildProcess;
  let stderr = '';

  async function launch(): Promise<void> {
    stderr = '';
    // BENCH_CPU_PROF=<dir>: every server process writes a V8 CPU profile there when it exits.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    child = spawn(process.execPath, [...profile, ...command.nodeArgs, command.script], {
      cwd: command.cwd,
      env: { PATH: process.env.PATH ?? '', ...command.env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    live.add(child);
    child.once('exit', () => live.delete(child));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const up = await until(async () => {
      if (child.exitCode !== null) throw new Error(`${command.script} exited ${child.exitCode}: ${stderr}`);
      return health().then(() => true, () => false);
    }, 30_000, 50);
    if (!up) throw new Error(`${command.script} did not become healthy on ${port}: ${stderr}`);
  }

  async function health(): Promise<Health> {
    const response = await fetch(`http://127.0.0.1:${port}${command.healthPath}`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as Partial<Health>;
    return { rooms: body.rooms ?? 0, connections: body.connections ?? 0 };
  }

  async function stop(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  await launch();
  return {
    port,
    base: `ws://127.0.0.1:${port}`,
    get pid() {
      return child.pid ?? 0;
    },
    health,
    async restart() {
      await stop();
      await launch();
    },
    stop,
  };
}
