import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadEnvironments } from '../src/config/load.js';

describe('synth', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'codesync-synth-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes one Terraform stack per environment, offline and without credentials', () => {
    createApp({ configs: loadEnvironments({}), outdir }).synth();
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
});
