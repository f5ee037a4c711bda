import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// No Docker engine here: these read the Dockerfiles for the properties that
// matter, and run the web deploy script against stub `aws`/`terraform` tools.
const infra = path.resolve(import.meta.dirname, '..');
const root = path.resolve(infra, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Instructions of the last stage (what ships), continuation lines joined. */
function finalStage(dockerfile: string): string[] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const lastFrom = lines.map((l) => l.startsWith('FROM ')).lastIndexOf(true);
  return lines.slice(lastFrom);
}

describe.each([
  ['api', '@codesync/server', 3000, '/api/health'],
  ['sync', '@codesync/sync', 3001, '/socket/health'],
])('infra/docker/%s.Dockerfile', (name, pkg, port, healthPath) => {
  const text = read(`infra/docker/${name}.Dockerfile`);
  const stage = finalStage(text);

  it('builds every stage on Node 24 LTS', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24[-.\w]*$/m);
    const froms = text.split('\n').filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2); // multi-stage
    for (const from of froms) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+$/);
  });

  it('installs from the lockfile and ships production dependencies only', () => {
    expect(text).toMatch(/pnpm install --frozen-lockfile/);
    expect(text).toContain(`pnpm --filter ${pkg} deploy --prod`);
    expect(stage.join('\n')).toMatch(/^COPY --from=build \/out /m);
    expect(stage.join('\n')).not.toMatch(/pnpm install/);
  });

  it('runs as a non-root user', () => {
    const users = stage.filter((l) => l.startsWith('USER '));
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^USER (root|0)(:|$)/);
    // USER comes before the command it protects.
    expect(stage.findIndex((l) => l.startsWith('USER '))).toBeLessThan(stage.findIndex((l) => l.startsWith('CMD ')));
  });

  it(`checks its health on ${healthPath} and listens on ${port}`, () => {
    const health = stage.find((l) => l.startsWith('HEALTHCHECK '));
    expect(health).toContain(healthPath);
    expect(health).toContain(String(port));
    expect(stage).toContain(`EXPOSE ${port}`);
    expect(stage.find((l) => l.startsWith('ENV '))).toContain(`PORT=${port}`);
  });

  it('trusts the RDS certificate authorities and starts the compiled entry, no TypeScript loader', () => {
    const env = stage.find((l) => l.startsWith('ENV '));
    expect(env).toContain('NODE_ENV=production');
    expect(env).toContain('NODE_EXTRA_CA_CERTS=/etc/ssl/certs/rds-global-bundle.pem');
    expect(stage.some((l) => l.startsWith('ADD ') && l.endsWith('/etc/ssl/certs/rds-global-bundle.pem'))).toBe(true);
    expect(text).toMatch(new RegExp(`node scripts/build.mjs ${pkg === '@codesync/server' ? 'server' : 'sync'} `));
    // The image starts the service exactly as its package's start script does (flags included).
    const start = JSON.parse(read(`${name === 'api' ? 'server' : 'sync'}/package.json`)).scripts.start as string;
    expect(start).toMatch(/^node .*--conditions=codesync-compiled dist\/main\.js$/);
    expect(stage.at(-1)).toBe(`CMD ${JSON.stringify(start.split(' ')).replaceAll('","', '", "')}`);
    expect(text).not.toMatch(/tsx/);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, git history, local data and synth output out of the build context', () => {
    const entries = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '.git', '.data', 'infra/cdktf.out', '.env']) expect(entries).toContain(entry);
  });
});

describe('infra/scripts/deploy-web.sh', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'codesync-deploy-web-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const script = path.join(infra, 'scripts', 'deploy-web.sh');

  function stubTools(): { bin: string; log: string } {
    const bin = path.join(work, 'bin');
    const log = path.join(work, 'calls.log');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['aws', 'terraform', 'pnpm']) {
      const file = path.join(bin, tool);
      writeFileSync(file, `#!/bin/sh\necho "${tool} $*" >> "${log}"\n[ "${tool}" = terraform ] && printf 'from-output'\nexit 0\n`);
      chmodSync(file, 0o755);
    }
    return { bin, log };
  }

  function run(env: Record<string, string>, args: string[] = []) {
    return execFileSync('bash', [script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' });
  }

  it('uploads assets, then the rest, then invalidates CloudFront', () => {
    const { bin, log } = stubTools();
    const dist = path.join(work, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    run({ PATH: `${bin}:${process.env.PATH}`, WEB_DIST: dist, SKIP_BUILD: '1', WEB_BUCKET: 'web-bucket', DISTRIBUTION_ID: 'E123' });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatch(new RegExp(`^aws s3 sync ${dist}/assets s3://web-bucket/assets .*max-age=31536000, immutable`));
    expect(calls[1]).toMatch(new RegExp(`^aws s3 sync ${dist} s3://web-bucket .*--delete --exclude assets/\\* --cache-control no-cache`));
    expect(calls[2]).toMatch(/^aws cloudfront create-invalidation --distribution-id E123 --paths \/\*/);
  });

  it('refuses to upload when there is no build', () => {
    const { bin } = stubTools();
    expect(() =>
      run({ PATH: `${bin}:${process.env.PATH}`, WEB_DIST: path.join(work, 'missing'), SKIP_BUILD: '1', WEB_BUCKET: 'b', DISTRIBUTION_ID: 'd' }),
    ).toThrow(/index\.html not found/);
  });
});
