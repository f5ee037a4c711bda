import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenService } from '@codesync/auth';
import type { Role } from '@codesync/protocol';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '@codesync/sync';
import { testLogger } from '@codesync/testing';
import { FAULTS_JWT_SECRET } from './node.js';

export const faultTokens = createTokenService({ secret: FAULTS_JWT_SECRET });

export interface SyncOnlyServer {
  wsUrl: string;
  url: string;
  runtime: SyncRuntime;
  close(): Promise<void>;
}

/** The sync runtime alone behind a real HTTP server on a loopback port. */
export async function startSyncOnly(options: Omit<SyncRuntimeOptions, 'tokens' | 'logger'> & Partial<Pick<SyncRuntimeOptions, 'logger'>>): Promise<SyncOnlyServer> {
  const runtime = createSyncRuntime({ tokens: faultTokens, logger: testLogger(), roomGraceMs: 0, ...options });
  const server = createServer((request, response) => {
    if (!runtime.handleRequest(request, response)) response.writeHead(404).end();
  });
  server.on('upgrade', runtime.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    runtime,
    async close() {
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let signed = 0;
/** A document token as the API would issue it, for a made-up user. */
export async function documentToken(documentId: string, role: Role = 'editor'): Promise<string> {
  signed += 1;
  const userId = `fuzz-user-${signed}`;
  const { token } = await faultTokens.signDocument({ userId, name: `Fuzzer ${signed}`, documentId, role, sessionId: `fuzz-session-${signed}` });
  return token;
}
