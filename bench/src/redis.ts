import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '@codesync/testing';
import { until } from './stats.js';

/** What a scenario reads from the Redis a system runs on. */
export interface RedisMeter {
  /** Calls of every command so far (INFO commandstats, commands run by scripts included), summed over nodes. */
  commandCalls(): Promise<number>;
  /** Redis's own CPU time so far (INFO cpu, user + system), in µs, summed over nodes: meaningful on private servers. */
  cpuMicros(): Promise<number>;
}

/** INFO commandstats and cpu, summed over `nodes` (one server, or every node of a cluster). */
export function meterOf(nodes: Redis[]): RedisMeter {
  const sum = async (section: string, read: (info: string) => number) =>
    (await Promise.all(nodes.map(async (node) => read(await node.info(section))))).reduce((a, b) => a + b, 0);
  return {
    commandCalls: () => sum('commandstats', (info) => [...info.matchAll(/calls=(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0)),
    cpuMicros: () =>
      sum('cpu', (info) => {
        const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
        return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
      }),
  };
}

export interface BenchRedis extends RedisMeter {
  url: string;
  prefix: string;
  client: Redis;
  /** Deletes this run's keys; stops the server if we started it. */
  close(): Promise<void>;
}

/**
 * The Redis every system under test shares. A private `redis-server` when
 * the binary exists (so INFO commandstats counts only this run), else the
 * given URL; either way under a key prefix of this run's own.
 */
export async function openBenchRedis(options: { url: string | undefined; prefix: string; private: boolean }): Promise<BenchRedis> {
  let server: ChildProcess | undefined;
  let url = options.url ?? 'redis://127.0.0.1:6379';
  if (options.private) {
    const port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    url = `redis://127.0.0.1:${port}`;
  }
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // retried by until() below; a real failure shows in connect()
  const up = await until(async () => {
    try {
      if (client.status !== 'ready') await client.connect();
      return (await client.ping()) === 'PONG';
    } catch (error) {
      if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`redis-server exited: ${(error as Error).message}`, { cause: error });
      return false;
    }
  }, 10_000, 100);
  if (!up) throw new Error(`Redis at ${url} did not answer`);
  return {
    url,
    prefix: options.prefix,
    client,
    ...meterOf([client]),
    async close() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${options.prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await client.del(...keys);
      } while (cursor !== '0');
      client.disconnect();
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    },
  };
}
