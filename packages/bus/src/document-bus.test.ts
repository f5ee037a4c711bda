import { afterAll, beforeAll, describe } from 'vitest';
import {
  deleteRedisPrefix,
  describeWithRedis,
  startTestRedisCluster,
  testLogger,
  testRedisPrefix,
  testServices,
  type TestRedisCluster,
} from '@codesync/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileLogPersistence, createMemoryBus, createRedisBus } from './index.js';
import { describeDocumentBusContract } from './document-bus.contract.js';
import { describeDocumentRecordsContract } from './document-records.contract.js';

describeDocumentBusContract('in process', (n) => {
  const bus = createMemoryBus();
  // Several "processes" in one: they share the one in-process bus; closing is per handle.
  return Array.from({ length: n }, () => ({ ...bus, close: async () => {} }));
});

describeDocumentBusContract('in process, logs on disk', (n) => {
  const persistence = createFileLogPersistence(mkdtempSync(path.join(tmpdir(), 'cs-log-')));
  const bus = createMemoryBus({ persistence });
  return Array.from({ length: n }, () => ({ ...bus, close: async () => {} }));
});

const prefix = testRedisPrefix();
describeWithRedis('Redis streams', () => {
  afterAll(() => deleteRedisPrefix(prefix));
  describeDocumentBusContract('Redis streams', (n) =>
    Array.from({ length: n }, () =>
      createRedisBus({ url: testServices.redisUrl!, keyPrefix: prefix, logger: testLogger() }),
    ),
  );
});

describe('Redis Cluster (3 primaries, started here)', () => {
  let cluster: TestRedisCluster | undefined;
  const recordBuses: ReturnType<typeof createRedisBus>[] = [];
  beforeAll(async () => {
    cluster = await startTestRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(recordBuses.map((bus) => bus.close()));
    await cluster?.stop();
  });
  describeDocumentBusContract('Redis Cluster', (n) =>
    Array.from({ length: n }, () =>
      createRedisBus({ url: cluster!.url, cluster: true, keyPrefix: prefix, logger: testLogger() }),
    ),
  );
  // Bindings and set-aside items (document-records.test.ts for the other buses): each
  // write is one script over one key, and deleting a document one DEL, all in its slot.
  describeDocumentRecordsContract('Redis Cluster', (options) => {
    const bus = createRedisBus({ url: cluster!.url, cluster: true, keyPrefix: prefix, logger: testLogger(), ...options });
    recordBuses.push(bus);
    return bus;
  });
});
