import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseHandle } from '@codesync/db';
import { createApiHarness, type ApiHarness, type HarnessOptions } from './api-harness.js';
import { describeAuthContract } from './auth.contract.js';
import { describeAuthorizationMatrix } from './authorization-matrix.contract.js';
import { describeBadInputContract } from './bad-input.contract.js';
import { describeDocumentsContract } from './documents.contract.js';
import { describeOpenApiContract } from './openapi.contract.js';
import { describePlatformContract } from './platform.contract.js';
import { describeProjectArchiveContract } from './project-archive.contract.js';
import { describeProjectsContract } from './projects.contract.js';
import { describeSharingContract } from './sharing.contract.js';
import { describeVersionsContract } from './versions.contract.js';
import { describeAttributionContract } from './attribution.contract.js';

/** PGlite takes seconds to start, many more on a busy CI machine. */
const STARTUP_TIMEOUT_MS = 90_000;

export interface ContractBackend {
  database: DatabaseHandle;
  redis?: HarnessOptions['redis'];
  close(): Promise<void>;
}

/**
 * The whole REST contract, run in process (`app.request`) against one
 * backend: PGlite with in-process sessions, or PostgreSQL with Redis.
 */
export function describeApiContract(name: string, open: () => Promise<ContractBackend>): void {
  describe(`API on ${name}`, () => {
    let backend: ContractBackend;
    let main: ApiHarness;
    beforeAll(async () => {
      backend = await open();
      main = await createApiHarness({ database: backend.database, redis: backend.redis });
    }, STARTUP_TIMEOUT_MS);
    afterAll(async () => {
      await main?.close();
      await backend?.close();
    });
    const harness = () => main;
    const another = (options: Omit<HarnessOptions, 'database'>) =>
      createApiHarness({ database: backend.database, redis: backend.redis, ...options });

    describeAuthContract(harness);
    describeDocumentsContract(harness);
    describeSharingContract(harness);
    describeVersionsContract(harness);
    describeAttributionContract(harness);
    describeBadInputContract(harness);
    describePlatformContract(harness, another);
    describeProjectsContract(harness);
    describeProjectArchiveContract(harness, another);
    describeAuthorizationMatrix(harness);
    describeOpenApiContract(harness);
  });
}
