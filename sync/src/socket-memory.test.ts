import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTokenService } from '@codesync/auth';
import { createMemoryBus } from '@codesync/bus';
import { createMemorySnapshotStore } from '@codesync/storage';
import { testLogger, waitFor } from '@codesync/testing';
import { afterAll, expect, it } from 'vitest';
import { documentToken, rawSocket, TEST_SECRET } from '../test/harness.js';
import { createSyncRuntime } from './index.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const runtime = createSyncRuntime({
  tokens: createTokenService({ secret: TEST_SECRET }),
  logger: testLogger(),
  bus: createMemoryBus(),
  store: createMemorySnapshotStore(),
});
const upgrades: WeakRef<IncomingMessage>[] = [];
const server = createServer((request, response) => {
  if (!runtime.handleRequest(request, response)) response.writeHead(404).end();
});
server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
  upgrades.push(new WeakRef(request));
  runtime.handleUpgrade(request, socket, head);
});

afterAll(async () => {
  await runtime.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// An idle socket should cost what it needs. The upgrade handler's error
// listener used to close over the handler's scope, so every open socket kept
// its upgrade request alive for as long as it was open: the headers, the URL
// with its token, the head buffer (about 2 KiB per connection).
it('an open socket does not keep its upgrade request (headers, token) alive', async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const opened = await Promise.all(
    Array.from({ length: 5 }, async (_, i) => rawSocket(url, `memory-${i}`, await documentToken(`memory-${i}`))),
  );
  // Every socket is in its room (it got the server's sync step 1), and all are still open.
  await waitFor(() => opened.every(({ received }) => received.length > 0), { what: 'every socket welcomed' });
  expect(upgrades).toHaveLength(5);
  await waitFor(
    () => {
      collectGarbage();
      return upgrades.every((request) => request.deref() === undefined);
    },
    { timeoutMs: 5000, what: 'the upgrade requests to be collected while their sockets stay open' },
  );
  expect(opened.every(({ socket }) => socket.readyState === socket.OPEN)).toBe(true);
  for (const { socket } of opened) socket.close();
});
