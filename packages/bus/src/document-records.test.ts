import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deleteRedisPrefix, describeWithRedis, testLogger, testRedisPrefix, testServices } from '@codesync/testing';
import { afterAll } from 'vitest';
import { describeDocumentRecordsContract } from './document-records.contract.js';
import { createFileLogPersistence, createMemoryBus, createRecordFiles, createRedisBus } from './index.js';

const shared = createMemoryBus();
describeDocumentRecordsContract('in process', (options) => (options ? createMemoryBus(options) : shared));

// A new bus per handle on the same directory: what a restarted embedded process sees.
const directory = mkdtempSync(path.join(tmpdir(), 'cs-records-'));
describeDocumentRecordsContract('in process, records on disk across restarts', (options) =>
  createMemoryBus({ persistence: createFileLogPersistence(directory), records: createRecordFiles(directory), ...options }),
);

// On a Redis Cluster: document-bus.test.ts, which starts one cluster for both contracts.
const prefix = testRedisPrefix();
describeWithRedis('Redis', () => {
  const buses: ReturnType<typeof createRedisBus>[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await deleteRedisPrefix(prefix);
  });
  describeDocumentRecordsContract('Redis', (options) => {
    const bus = createRedisBus({ url: testServices.redisUrl!, keyPrefix: prefix, logger: testLogger(), ...options });
    buses.push(bus);
    return bus;
  });
});
