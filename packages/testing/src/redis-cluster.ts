import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

export interface TestRedisCluster {
  /** One node's URL (what REDIS_URL names with REDIS_CLUSTER=true). */
  url: string;
  ports: number[];
  /**
   * Moves the slot of `key` to another primary as online resharding does
   * (IMPORTING/MIGRATING, MIGRATE of its keys, SETSLOT NODE everywhere);
   * resolves with the ports it moved from and to.
   */
  moveSlotOf(key: string): Promise<{ from: number; to: number }>;
  /**
   * SIGKILLs the primary holding the slot of `key` and resolves once its
   * replica has taken the slot over (needs `replicas: 1`); the ports killed
   * and promoted.
   */
  killPrimaryOf(key: string): Promise<{ killed: number; promoted: number }>;
  stop(): Promise<void>;
}

export interface TestRedisClusterOptions {
  primaries?: number;
  /** Replicas per primary: 1 lets a test kill a primary and see its replica take over. */
  replicas?: 0 | 1;
}

/** Free on 127.0.0.1 right now (a cluster node also needs port + 10000 for its bus). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (!ports.includes(port) && (await isFree(port)) && (await isFree(port + 10_000))) ports.push(port);
  }
  return ports;
}

async function ask<T>(port: number, question: (node: Redis) => Promise<T>): Promise<T> {
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return await question(probe);
  } finally {
    probe.disconnect();
  }
}

const clusterState = (port: number) => ask(port, async (node) => String(await node.cluster('INFO')));

/** A replica whose link to its primary was never up cannot be elected: it has no data. */
const replicaReady = (port: number) =>
  ask(port, async (node) => {
    const info = await node.info('replication');
    return info.includes('role:master') || info.includes('master_link_status:up');
  });

/** The port of the primary serving `slot`, as `port`'s node sees the cluster now. */
const ownerOf = (port: number, slot: number) =>
  ask(port, async (node) => {
    const ranges = await node.cluster('SLOTS');
    return ranges.find(([first, last]) => slot >= first && slot <= last)?.[2]?.[1];
  });

/**
 * A real Redis Cluster of `primaries` masters (and `replicas` per master) on
 * free loopback ports, in a temporary directory: `redis-server
 * --cluster-enabled yes` per node, joined by `redis-cli --cluster create`.
 * Throws if it cannot start (the caller's test fails: a cluster suite never
 * skips silently).
 */
export async function startTestRedisCluster(options: TestRedisClusterOptions = {}): Promise<TestRedisCluster> {
  const { primaries = 3, replicas = 0 } = options;
  const dir = await mkdtemp(path.join(tmpdir(), 'cs-redis-cluster-'));
  const ports = await clusterPorts(primaries * (1 + replicas));
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''],
      { stdio: 'ignore' },
    ),
  );
  async function stop(): Promise<void> {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        return exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  }
  try {
    await Promise.all(
      ports.map((port, index) =>
        waitFor(
          async () => {
            if (children[index]!.exitCode !== null) throw new Error(`redis-server on ${port} exited`);
            return (await clusterState(port)).includes('cluster_state');
          },
          { timeoutMs: 15_000, intervalMs: 50, what: `cluster node on ${port}` },
        ),
      ),
    );
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', String(replicas), '--cluster-yes']);
    await Promise.all(
      ports.map((port) =>
        waitFor(async () => (await clusterState(port)).includes('cluster_state:ok') && (await replicaReady(port)), {
          timeoutMs: 30_000,
          intervalMs: 100,
          what: `cluster_state:ok (and a replica's link up) on ${port}`,
        }),
      ),
    );
  } catch (error) {
    await stop();
    throw new Error(`could not start a Redis Cluster (redis-server and redis-cli 7 on PATH?): ${(error as Error).message}`, { cause: error });
  }
  async function killPrimaryOf(key: string): Promise<{ killed: number; promoted: number }> {
    const live = () => ports.filter((_, i) => children[i]!.exitCode === null && children[i]!.signalCode === null);
    const slot = Number(await ask(live()[0]!, (node) => node.cluster('KEYSLOT', key)));
    const killed = await ownerOf(live()[0]!, slot);
    const child = children[ports.indexOf(killed ?? -1)];
    if (killed === undefined || !child) throw new Error(`no primary for slot ${slot}`);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const promoted = await waitFor(
      async () => {
        const [port] = live();
        const owner = await ownerOf(port!, slot);
        return owner !== undefined && owner !== killed && (await clusterState(port!)).includes('cluster_state:ok') ? owner : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `a replica promoted for slot ${slot}` },
    );
    return { killed, promoted };
  }
  return { url: `redis://127.0.0.1:${ports[0]}`, ports, moveSlotOf: (key) => moveSlot(ports, key), killPrimaryOf, stop };
}

async function moveSlot(ports: number[], key: string): Promise<{ from: number; to: number }> {
  const nodes = ports.map((port) => new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0 }));
  try {
    const slot = Number(await nodes[0]!.cluster('KEYSLOT', key));
    const ids = await Promise.all(nodes.map((node) => node.cluster('MYID') as Promise<string>));
    const ranges = await nodes[0]!.cluster('SLOTS');
    const owner = ranges.find(([first, last]) => slot >= first && slot <= last)?.[2]?.[1];
    const from = ports.indexOf(owner ?? -1);
    if (from < 0) throw new Error(`no owner for slot ${slot}`);
    const to = (from + 1) % ports.length;
    const [source, target] = [nodes[from]!, nodes[to]!];
    await target.cluster('SETSLOT', slot, 'IMPORTING', ids[from]!);
    await source.cluster('SETSLOT', slot, 'MIGRATING', ids[to]!);
    for (;;) {
      const keys = (await source.cluster('GETKEYSINSLOT', slot, 100)) as string[];
      if (keys.length === 0) break;
      await source.migrate('127.0.0.1', ports[to]!, '', 0, 5000, 'KEYS', ...keys);
    }
    for (const node of [target, source, ...nodes.filter((_, i) => i !== from && i !== to)]) {
      await node.cluster('SETSLOT', slot, 'NODE', ids[to]!);
    }
    return { from: ports[from]!, to: ports[to]! };
  } finally {
    for (const node of nodes) node.disconnect();
  }
}
