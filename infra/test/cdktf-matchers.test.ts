import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { dev } from './synthesized.js';
import { CodeSyncStack } from '../src/stack.js';

// cdktf's own matchers, registered on vitest's `expect` (they look for a global one).
interface ResourceType {
  tfResourceType: string;
}
declare module 'vitest' {
  interface Assertion {
    toHaveResource(type: ResourceType): void;
    toHaveResourceWithProperties(type: ResourceType, properties: Record<string, unknown>): void;
    toHaveDataSource(type: ResourceType): void;
  }
}

// Resource types by name, so tests import no provider class (see README: provider imports stay in constructs/).
const type = (tfResourceType: string): ResourceType => ({ tfResourceType });

describe('cdktf matchers on the dev stack', () => {
  let synthesized: string;
  beforeAll(() => {
    Object.assign(globalThis, { expect });
    Testing.setupJest();
    synthesized = Testing.synth(new CodeSyncStack(Testing.app(), 'codesync-dev', dev));
  });

  it('finds the encrypted, private database', () => {
    expect(synthesized).toHaveResourceWithProperties(type('aws_db_instance'), {
      engine: 'postgres',
      storage_encrypted: true,
      publicly_accessible: false,
      multi_az: true,
      backup_retention_period: 7,
    });
  });

  it('fails on a property the stack does not have', () => {
    expect(synthesized).not.toHaveResourceWithProperties(type('aws_db_instance'), { publicly_accessible: true });
    expect(synthesized).not.toHaveResource(type('aws_instance'));
  });

  it('reads the account id from the caller identity, not from configuration', () => {
    expect(synthesized).toHaveDataSource(type('aws_caller_identity'));
  });
});
