// Start-up time (spawn -> health answers 200) and idle RSS of one sync process,
// run from its TypeScript sources with tsx and from the compiled output
// (`pnpm build` first). Needs Redis; figures in docs/runtime.md.
//
//   REDIS_URL=redis://127.0.0.1:6379 node scripts/measure-start.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const IDLE_MS = 3_000;
const variants = {
  tsx: ['--import', 'tsx', 'src/main.ts'],
  compiled: ['--conditions=codesync-compiled', 'dist/main.js'],
};

async function healthy(url, deadline) {
  while (performance.now() < deadline) {
    const ok = await fetch(url).then((r) => r.status === 200, () => false);
    if (ok) return;
    await sleep(5);
  }
  throw new Error(`${url} not healthy in time`);
}

function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function once(args, port) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'codesync-measure-'));
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    REDIS_KEY_PREFIX: `measure-${process.pid}-${port}:`,
    JWT_SECRET: 'measure-start-secret-0123456789abcdefghij',
  };
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: path.join(root, 'sync'), env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await healthy(`http://127.0.0.1:${port}/socket/health`, started + 30_000);
    const startMs = performance.now() - started;
    await sleep(IDLE_MS);
    return { startMs, rss: rssMiB(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let port = 39_100;
for (const [name, args] of Object.entries(variants)) {
  const results = [];
  for (let i = 0; i < runs; i += 1) results.push(await once(args, port++));
  const start = median(results.map((r) => r.startMs));
  const rss = median(results.map((r) => r.rss));
  process.stdout.write(`${name.padEnd(9)} start ${start.toFixed(0)} ms, idle RSS ${rss.toFixed(1)} MiB (median of ${runs})\n`);
}
