import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { describeApi } from './describe-api.js';
import { schemaTypes } from './schema-types.js';

const committed = new URL('../../../web/src/api/schema.d.ts', import.meta.url);

describe('the web client types', () => {
  // A route or schema changed without regenerating: the web client would compile
  // against an API that no longer exists.
  it('web/src/api/schema.d.ts is what the current routes generate', async () => {
    const expected = await schemaTypes(describeApi());
    const actual = await readFile(committed, 'utf8');
    expect(actual, 'stale: run pnpm --filter @codesync/server --silent openapi > web/src/api/schema.d.ts').toBe(expected);
  });
});
