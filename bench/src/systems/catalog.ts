import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hocuspocusDialect, yWebsocketDialect, type Dialect } from '../protocol/dialect.js';
import { freePort, startScriptFlags } from '@codesync/testing';
import { startBenchCluster, type BenchCluster } from '../redis-cluster.js';
import type { RedisMeter } from '../redis.js';
import { startInstance, type Instance, type InstanceCommand } from './instance.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const syncDir = path.resolve(benchDir, '../sync');
const rootDir = path.resolve(benchDir, '..');

/**
 * CodeSync runs as deployed: compiled, with the flags of its start script (`pnpm start:sync`, which
 * the sync Dockerfile's command repeats); the peers' fixtures run through tsx.
 */
const COMPILED = startScriptFlags(syncDir);
const TSX = ['--import', 'tsx'];
let built = false;

/** Compiles the sync service if its sources changed since the last build (scripts/build.mjs), once per run. */
function buildSync(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', 'sync'], { cwd: rootDir, stdio: 'ignore' });
  built = true;
}

export const SYSTEM_IDS = ['codesync', 'codesync-x2', 'codesync-cluster-x2', 'y-websocket-server', 'hocuspocus', 'hocuspocus-redis-x2', 'hocuspocus-4'] as const;
export type SystemId = (typeof SYSTEM_IDS)[number];

export interface SystemSpec {
  id: SystemId;
  label: string;
  dialect: Dialect;
  instances: 1 | 2;
  /** Runs on a Redis Cluster of its own (3 primaries) instead of the run's shared Redis. */
  redisCluster?: boolean;
}

export const SYSTEMS: Record<SystemId, SystemSpec> = {
  codesync: { id: 'codesync', label: 'CodeSync (1 instance, Redis)', dialect: yWebsocketDialect, instances: 1 },
  'codesync-x2': { id: 'codesync-x2', label: 'CodeSync (2 instances, Redis)', dialect: yWebsocketDialect, instances: 2 },
  'codesync-cluster-x2': {
    id: 'codesync-cluster-x2',
    label: 'CodeSync (2 instances, Redis Cluster of 3)',
    dialect: yWebsocketDialect,
    instances: 2,
    redisCluster: true,
  },
  'y-websocket-server': { id: 'y-websocket-server', label: '@y/websocket-server 0.1.1', dialect: yWebsocketDialect, instances: 1 },
  hocuspocus: { id: 'hocuspocus', label: 'Hocuspocus 3.4.4', dialect: hocuspocusDialect, instances: 1 },
  'hocuspocus-redis-x2': { id: 'hocuspocus-redis-x2', label: 'Hocuspocus 3.4.4 + Redis (2 instances)', dialect: hocuspocusDialect, instances: 2 },
  'hocuspocus-4': { id: 'hocuspocus-4', label: 'Hocuspocus 4.7.0 (flushDelay: false)', dialect: hocuspocusDialect, instances: 1 },
};

export interface SharedSettings {
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
}

/** A system under test, running: one or two fresh processes and their data dir. */
export interface RunningSystem {
  spec: SystemSpec;
  instances: Instance[];
  pids(): number[];
  /** The system's own Redis, when it does not use the run's (a cluster). */
  redisMeter?: RedisMeter;
  /** Rooms held, summed over instances. */
  rooms(): Promise<number>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Content limits for CodeSync in the benchmark: room for S5's largest document. */
const BIG = 64 * 2 ** 20;

/** Systems started so far in this run: each start gets Redis keys of its own. */
let starts = 0;

function commandFor(id: SystemId, shared: SharedSettings, dataDir: string): InstanceCommand {
  // A fresh system must not find the last scenario's streams (its log sweeper would compact them mid-measurement).
  const common = { JWT_SECRET: shared.jwtSecret, DATA_DIR: dataDir, REDIS_KEY_PREFIX: `${shared.redisPrefix}${id}-${(starts += 1)}:` };
  const withRedis = { ...common, REDIS_URL: shared.redisUrl };
  // S5 seeds its 5 and 10 MB documents as one update each: past CodeSync's default content limits
  // (2 MiB of text, 3 MiB per update), which the peers do not have. Raised, as an operator would for big files
  // (and what may wait for a slow client with them: 50 joiners of the 10 MB document each get its whole state).
  const codesync = { ...withRedis, LOG_LEVEL: 'warn', LIMIT_DOCUMENT_TEXT_BYTES: String(BIG), LIMIT_DOCUMENT_STATE_BYTES: String(BIG), LIMIT_UPDATE_BYTES: String(BIG), LIMIT_FRAME_BYTES: String(BIG), LIMIT_SOCKET_QUEUE_BYTES: String(BIG) };
  switch (id) {
    case 'codesync':
    case 'codesync-x2':
      return { cwd: syncDir, nodeArgs: COMPILED, script: 'dist/main.js', env: codesync, healthPath: '/socket/health' };
    case 'codesync-cluster-x2':
      return { cwd: syncDir, nodeArgs: COMPILED, script: 'dist/main.js', env: { ...codesync, REDIS_CLUSTER: 'true' }, healthPath: '/socket/health' };
    case 'y-websocket-server':
      return { cwd: benchDir, nodeArgs: TSX, script: 'src/servers/y-websocket-server.ts', env: common, healthPath: '/health' };
    case 'hocuspocus':
      return { cwd: benchDir, nodeArgs: TSX, script: 'src/servers/hocuspocus-server.ts', env: common, healthPath: '/health' };
    case 'hocuspocus-4':
      return { cwd: benchDir, nodeArgs: TSX, script: 'src/servers/hocuspocus4-server.ts', env: common, healthPath: '/health' };
    case 'hocuspocus-redis-x2':
      return { cwd: benchDir, nodeArgs: TSX, script: 'src/servers/hocuspocus-server.ts', env: withRedis, healthPath: '/health' };
  }
}

export async function startSystem(id: SystemId, shared: SharedSettings): Promise<RunningSystem> {
  const spec = SYSTEMS[id];
  if (id.startsWith('codesync')) buildSync();
  const dataDir = mkdtempSync(path.join(tmpdir(), `codesync-bench-${id}-`));
  const cluster: BenchCluster | undefined = spec.redisCluster ? await startBenchCluster() : undefined;
  const command = commandFor(id, cluster ? { ...shared, redisUrl: cluster.url } : shared, dataDir);
  const instances: Instance[] = [];
  try {
    for (let i = 0; i < spec.instances; i++) instances.push(await startInstance(command, await freePort()));
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()));
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    spec,
    instances,
    pids: () => instances.map((instance) => instance.pid),
    ...(cluster ? { redisMeter: cluster.meter } : {}),
    async rooms() {
      const health = await Promise.all(instances.map((instance) => instance.health()));
      return health.reduce((sum, h) => sum + h.rooms, 0);
    },
    async restart() {
      await Promise.all(instances.map((instance) => instance.restart()));
    },
    async stop() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await cluster?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
