import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenService, type TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import type { Role } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import { connectEditor, testLogger, waitFor, waitSynced as waitAllSynced, type Editor } from '@codesync/testing';
import { WebSocket } from 'ws';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '../src/index.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret!!';

export interface TestSyncServer {
  url: string;
  port: number;
  runtime: SyncRuntime;
  close(): Promise<void>;
}

/** A real sync runtime behind a real HTTP server on a free loopback port. */
export async function startSyncServer(
  options: Omit<SyncRuntimeOptions, 'tokens' | 'logger'> & { tokens?: TokenService },
): Promise<TestSyncServer> {
  const runtime = createSyncRuntime({
    tokens: options.tokens ?? createTokenService({ secret: TEST_SECRET }),
    logger: testLogger(),
    roomGraceMs: 50,
    ...options,
  });
  const server: Server = createServer((request, response) => {
    if (!runtime.handleRequest(request, response)) response.writeHead(404).end();
  });
  server.on('upgrade', runtime.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    runtime,
    async close() {
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const tokens = createTokenService({ secret: TEST_SECRET });

let users = 0;
export async function documentToken(documentId: string, role: Role = 'editor', extra: Partial<{ userId: string; sessionId: string; name: string }> = {}) {
  users += 1;
  const userId = extra.userId ?? `user-${users}`;
  const { token } = await tokens.signDocument({
    userId,
    name: extra.name ?? `User ${users}`,
    documentId,
    role,
    sessionId: extra.sessionId ?? `session-${userId}`,
  });
  return token;
}

export type TestClient = Editor;

/** The stock y-websocket client (Node, `ws`), exactly as a browser would use it. */
export function connectClient(serverUrl: string, documentId: string, token: string, options: { connect?: boolean } = {}): TestClient {
  return connectEditor(serverUrl, documentId, token, { maxBackoffMs: 200, connect: options.connect });
}

export function waitSynced(client: TestClient, timeoutMs = 5000): Promise<void> {
  return waitAllSynced([client], timeoutMs);
}

export async function waitAllText(clients: TestClient[], expected: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => clients.every((c) => c.text.toString() === expected), {
    timeoutMs,
    what: `all clients to read ${JSON.stringify(expected.slice(0, 40))}`,
  });
}

export { waitConverged } from '@codesync/testing';

/** Text of the document as storage and the log hold it (what a reload would see). */
export async function storedText(bus: DocumentBus, store: SnapshotStore, documentId: string): Promise<string> {
  const { readDocumentState, rebuildDocument } = await import('@codesync/bus');
  const state = await readDocumentState(bus, store, documentId);
  const { doc } = await rebuildDocument(state.snapshot, state.entries);
  return doc.getText('content').toString();
}

/** A raw socket for sending what no real client would. */
export function rawSocket(
  serverUrl: string,
  documentId: string,
  token: string,
): Promise<{ socket: WebSocket; closed: Promise<number>; received: Buffer[] }> {
  const socket = new WebSocket(`${serverUrl}/socket/${documentId}?token=${encodeURIComponent(token)}`);
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  // Collected from the start: the server's first frames can arrive with the handshake.
  const received: Buffer[] = [];
  socket.on('message', (data: Buffer) => received.push(data));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, closed, received }));
    socket.once('error', reject);
  });
}

/** How many compactions a server has finished with `result` (from its Prometheus metrics). */
export async function compactionCount(server: TestSyncServer, result: 'saved' | 'empty' | 'busy' | 'failed' | 'deleted'): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/socket/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`codesync_sync_compactions_total{result="${result}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}
