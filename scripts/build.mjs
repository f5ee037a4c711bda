// `pnpm build`: compiles server, sync and embedded, and every workspace package they
// import at run time, to JavaScript in each package's dist/ (src/x.ts -> dist/x.js).
// File for file rather than a bundle, so paths taken from import.meta.url (packages/db's
// migrations, embedded's repository root) hold in both trees. Types are checked by
// `pnpm typecheck`; this only strips them. The compiled tree is selected at run time by
// `node --conditions=codesync-compiled` (each package's exports map); tools without
// that condition (vitest, tsx, tsc, vite) keep reading src/index.ts.
//
//   node scripts/build.mjs [--if-stale] [server|sync|embedded ...]
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPS = ['server', 'sync', 'embedded'];
const STAMP = '.built';

const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const apps = args.filter((arg) => !arg.startsWith('--'));

/** Workspace package name -> its directory, for every package the workspace holds. */
function workspaceDirectories() {
  const dirs = [...APPS, ...readdirSync(path.join(root, 'packages')).map((name) => `packages/${name}`)];
  const byName = new Map();
  for (const dir of dirs) {
    const file = path.join(root, dir, 'package.json');
    if (existsSync(file)) byName.set(JSON.parse(readFileSync(file, 'utf8')).name, dir);
  }
  return byName;
}

/** The apps and, transitively, the workspace packages they depend on at run time. */
function runtimeClosure(startDirs) {
  const byName = workspaceDirectories();
  const seen = new Set();
  const visit = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries(dependencies)) {
      if (String(range).startsWith('workspace:') && byName.has(name)) visit(byName.get(name));
    }
  };
  startDirs.forEach(visit);
  return [...seen];
}

/** A package without the condition would hand compiled code its TypeScript sources at run time. */
function assertCompiledExport(dir) {
  const { name, exports } = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
  if (exports?.['.']?.['codesync-compiled'] !== './dist/index.js') {
    throw new Error(
      `${name} (${dir}/package.json) is used at run time: its exports need ` +
        `{ ".": { "codesync-compiled": "./dist/index.js", "default": "./src/index.ts" } }`,
    );
  }
}

function sourceFiles(dir) {
  const src = path.join(root, dir, 'src');
  return readdirSync(src, { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .filter((file) => !file.split(path.sep).includes('test-support'))
    .map((file) => path.join(src, file));
}

function isStale(dir, files) {
  const stamp = path.join(root, dir, 'dist', STAMP);
  if (!existsSync(stamp)) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return [...files, path.join(root, dir, 'package.json')].some((file) => statSync(file).mtimeMs > builtAt);
}

/** Builds beside dist/ and swaps it in, so a process starting meanwhile sees a whole tree. */
async function compile(dir, files) {
  const dist = path.join(root, dir, 'dist');
  const staging = `${dist}.${process.pid}`;
  await build({
    entryPoints: files,
    outbase: path.join(root, dir, 'src'),
    outdir: staging,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(path.join(staging, STAMP), `${new Date().toISOString()}\n`);
  // Two renames, not remove-then-write: dist/ is missing for an instant at most.
  const previous = `${dist}.old.${process.pid}`;
  if (existsSync(dist)) renameSync(dist, previous);
  renameSync(staging, dist);
  rmSync(previous, { recursive: true, force: true });
}

const started = performance.now();
const built = [];
for (const dir of runtimeClosure(apps.length > 0 ? apps : APPS)) {
  assertCompiledExport(dir);
  const files = sourceFiles(dir);
  if (ifStale && !isStale(dir, files)) continue;
  await compile(dir, files);
  built.push(dir);
}
if (built.length > 0) {
  process.stdout.write(`built ${built.join(', ')} in ${Math.round(performance.now() - started)} ms\n`);
}
