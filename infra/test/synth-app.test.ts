import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadEnvironments } from '../src/config/load.js';
import { missingOriginMessage } from '../src/config/schema.js';

// What an operator exports (README "Origin domain"); without it synth refuses.
const originShell = { CODESYNC_ORIGIN_DOMAIN: 'codesync.example.com', CODESYNC_ORIGIN_ZONE_ID: 'Z0123456789ABCDEFGHIJ' };

describe('synth', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'codesync-synth-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes one Terraform stack per environment, offline and without credentials', () => {
    createApp({ configs: loadEnvironments(originShell), outdir }).synth();
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['codesync-dev', 'codesync-prod']);
    for (const stack of ['codesync-dev', 'codesync-prod']) {
      const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
        terraform: { required_providers: { aws: { version: string } } };
        variable: Record<string, unknown>;
      };
      expect(json.terraform.required_providers.aws.version).toBe('6.25.0');
      expect(Object.keys(json.variable)).toEqual(['image_tag', 'origin_secret']);
    }
  });

  it('matches the resource counts README.md gives operators', () => {
    const counts = ['codesync-dev', 'codesync-prod'].map((stack) => {
      const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
        resource: Record<string, Record<string, unknown>>;
      };
      return Object.values(json.resource).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    });
    const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.includes('**total resources**'));
    expect(row?.match(/\*\*(\d+)\*\* \| \*\*(\d+)\*\*/)?.slice(1).map(Number)).toEqual(counts);
  });

  // Issue 16, finding 1: without a domain for the ALB, synth emitted an http-only CloudFront origin.
  it('fails without an origin domain, printing what to set and writing no stack', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'codesync-synth-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CODESYNC_ORIGIN_')));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...env, CDKTF_OUTDIR: out },
      encoding: 'utf8',
    });
    try {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`cdn.origin: ${missingOriginMessage}`);
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/); // a message, not a stack trace
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
