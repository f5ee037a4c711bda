// `pnpm bench [--smoke|--quick] [--systems=a,b] [--scenarios=S1,S2] [--out=dir] [--shared-redis]`
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeTargets, targetsText } from './report/targets.js';
import { tableOf, writeResults } from './report/write.js';
import { runBench } from './run.js';
import { SCENARIOS } from './scenarios/index.js';
import type { Profile } from './sizes.js';
import { SYSTEM_IDS, type SystemId } from './systems/catalog.js';

function option(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function parseArgs(args: string[]) {
  const profile: Profile = args.includes('--smoke') ? 'smoke' : args.includes('--quick') ? 'quick' : 'full';
  const systems = (option(args, 'systems')?.split(',') ?? [...SYSTEM_IDS]) as SystemId[];
  const unknown = systems.filter((s) => !SYSTEM_IDS.includes(s));
  if (unknown.length > 0) throw new Error(`unknown systems ${unknown.join(', ')}; known: ${SYSTEM_IDS.join(', ')}`);
  const scenarios = option(args, 'scenarios')?.toUpperCase().split(',') ?? SCENARIOS.map((s) => s.id);
  const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), option(args, 'out') ?? path.join(benchDir, 'results', profile));
  return { profile, systems, scenarios, out, privateRedis: !args.includes('--shared-redis') };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const results = await runBench({
    ...args,
    redisUrl: process.env.REDIS_URL,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  for (const result of results) process.stdout.write(`\n${tableOf(result)}\n`);
  const targets = judgeTargets(results);
  process.stdout.write(`\n${targetsText(targets)}\n`);
  const files = writeResults(args.out, { profile: args.profile, finishedAt: new Date().toISOString(), seconds, targets }, results);
  process.stdout.write(`\n${args.profile} run: ${seconds.toFixed(0)} s; results in ${path.dirname(files[0] ?? '')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
