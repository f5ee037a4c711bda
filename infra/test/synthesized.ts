import { Testing } from 'cdktf';
import { expect } from 'vitest';
import { dev as devDefaults, prod as prodDefaults } from '../src/config/environments.js';
import { validateEnvironmentConfig, type EnvironmentConfig, type EnvironmentInput, type OriginConfig } from '../src/config/schema.js';
import { CodeSyncStack } from '../src/stack.js';

/** A resource body from the synthesised JSON (snake_case keys, `${...}` references). */
export type Body = Record<string, unknown> & {
  [key: string]: unknown;
};

export interface TerraformJson {
  resource: Record<string, Record<string, Body>>;
  data?: Record<string, Record<string, Body>>;
  output?: Record<string, Body>;
  provider?: Record<string, Body[]>;
  terraform?: Body;
  variable?: Record<string, Body>;
}

const withOrigin = (base: EnvironmentInput, origin: OriginConfig): EnvironmentInput => ({ ...base, cdn: { ...base.cdn, origin } });

/** The checked-in environments completed as an operator would: dev through a Route 53 zone, prod with its own certificate. */
export const devInput = withOrigin(devDefaults, { domainName: 'origin-dev.codesync.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' });
export const prodInput = withOrigin(prodDefaults, {
  domainName: 'origin-prod.codesync.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
});
export const dev = validateEnvironmentConfig(devInput);
export const prod = validateEnvironmentConfig(prodInput);

/** prod with a custom viewer domain as well. */
export const prodWithDomain: EnvironmentConfig = validateEnvironmentConfig({
  ...prodInput,
  cdn: {
    ...prodInput.cdn,
    customDomain: {
      aliases: ['codesync.example.com'],
      cloudfrontCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
    },
  },
});

/** Every variant the tests synthesise; each assertion runs against all of them. */
export const variants: readonly [string, EnvironmentConfig][] = [
  ['dev', dev],
  ['prod', prod],
  ['prod+domain', prodWithDomain],
];

const cache = new Map<EnvironmentConfig, TerraformJson>();

export function synthesize(config: EnvironmentConfig): TerraformJson {
  let json = cache.get(config);
  if (!json) {
    const stack = new CodeSyncStack(Testing.app(), `${config.project}-${config.name}`, config);
    json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    cache.set(config, json);
  }
  return json;
}

/** Resources of one type, keyed by their Terraform name. */
export function resources(json: TerraformJson, type: string): Record<string, Body> {
  return json.resource[type] ?? {};
}

export function list(json: TerraformJson, type: string): Body[] {
  return Object.values(resources(json, type));
}

/** The single resource of a type whose logical name contains `fragment`. */
export function one(json: TerraformJson, type: string, fragment = ''): Body {
  const matches = Object.entries(resources(json, type)).filter(([name]) => name.includes(fragment));
  expect(matches, `exactly one ${type} matching "${fragment}"`).toHaveLength(1);
  return matches[0]![1];
}

/** `${aws_x.name.attr}` for a resource, as it appears in references. */
export function refTo(json: TerraformJson, type: string, body: Body, attribute: string): string {
  const entry = Object.entries(resources(json, type)).find(([, b]) => b === body);
  if (!entry) throw new Error(`resource not found in ${type}`);
  return `\${${type}.${entry[0]}.${attribute}}`;
}

export function parsePolicy(text: unknown): { Statement: Record<string, unknown>[] } {
  expect(typeof text).toBe('string');
  return JSON.parse(text as string) as { Statement: Record<string, unknown>[] };
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
