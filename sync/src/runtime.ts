import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import { CloseCode, type BusEvent } from '@codesync/protocol';
import type { SnapshotStore } from '@codesync/storage';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { defaultCompactionPolicy, type CompactionPolicy } from './compaction/schedule.js';
import { createCompactor } from './compaction/compactor.js';
import { startAccessChecks } from './access-check.js';
import { acceptConnection } from './connection.js';
import { defaultSyncLimits, type SyncLimits } from './limits.js';
import { createSyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import { startLogSweeper } from './compaction/log-sweeper.js';
import { createRoomRegistry } from './rooms.js';
import { applyProjectAccessEvent } from './project-access.js';
import { createProjectSockets } from './project-socket.js';
import { createUpgradeHandler } from './upgrade.js';

export interface SyncRuntimeOptions {
  bus: DocumentBus;
  store: SnapshotStore;
  tokens: TokenService;
  logger: Logger;
  instanceId?: string;
  /** Largest frame accepted; a larger one closes that socket with 1009 (overrides `limits.frameBytes`). */
  maxMessageBytes?: number;
  /** Defaults: defaultSyncLimits (the content ones from @codesync/protocol); the entry points pass the environment's. */
  limits?: Partial<SyncLimits>;
  compaction?: Partial<CompactionPolicy>;
  roomGraceMs?: number;
  /** How often logs that no room holds are compacted (0: never). */
  sweepIntervalMs?: number;
  heartbeatMs?: number;
  /** How often every open socket re-reads its access markers (SPEC 22; at most 30 s). */
  accessCheckMs?: number;
  /** Process-wide metrics (event loop, memory); off when several runtimes share a process. */
  defaultMetrics?: boolean;
}

export interface SyncRuntime {
  readonly instanceId: string;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Serves /socket/health and /socket/metrics; false for any other path. */
  handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
  stats(): { rooms: number; connections: number };
  /** Stops accepting, moves clients away (1012), compacts every room, then releases the bus. */
  close(): Promise<void>;
}

/**
 * The sync service without its listener: everything `main.ts` (one sync
 * process) and the embedded all-in-one process put on their HTTP server.
 */
export function createSyncRuntime(options: SyncRuntimeOptions): SyncRuntime {
  const instanceId = options.instanceId ?? `sync-${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ module: 'sync', instance: instanceId });
  const metrics = createSyncMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const limits: SyncLimits = { ...defaultSyncLimits, ...options.limits };
  const { bus, store } = options;
  const compactor = createCompactor({ bus, store, holder: instanceId, logger, metrics });
  const registry = createRoomRegistry({
    bus, store, compactor, instanceId, logger, metrics,
    policy: { ...defaultCompactionPolicy, ...options.compaction },
    limits,
    graceMs: options.roomGraceMs ?? 5000,
  });
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  const sweeper =
    sweepIntervalMs > 0
      ? startLogSweeper({ bus, compactor, logger, intervalMs: sweepIntervalMs, isLoaded: (id) => registry.isLoaded(id) })
      : undefined;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? limits.frameBytes,
    // Off, and it must stay off: broadcasts write whole frames past ws (frames.ts), which keeps
    // their order only because ws, not compressing, writes each message at once.
    perMessageDeflate: false,
  });
  const alive = new WeakSet<WebSocket>();
  let draining = false;

  // Every document socket, joining ones included: access events and re-checks reach them all.
  const connections = new Set<Peer>();
  const access = startAccessChecks({ bus, peers: () => connections, intervalMs: options.accessCheckMs ?? 30_000, logger });
  const socketsOfUser = new Map<string, number>();
  const onConnection = (socket: WebSocket, wire: Duplex, token: Parameters<typeof acceptConnection>[2]) => {
    // Too many open sockets of one user on this instance (SPEC 21).
    const open = socketsOfUser.get(token.userId) ?? 0;
    if (open >= limits.socketsPerUser) {
      metrics.closes.inc({ code: String(CloseCode.rateLimited) });
      socket.close(CloseCode.rateLimited, 'too many sockets');
      return;
    }
    socketsOfUser.set(token.userId, open + 1);
    socket.once('close', () => {
      const left = (socketsOfUser.get(token.userId) ?? 1) - 1;
      if (left > 0) socketsOfUser.set(token.userId, left);
      else socketsOfUser.delete(token.userId);
    });
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    const peer = acceptConnection(socket, wire, token, { registry, logger, metrics, limits, checkAccess: access.check });
    connections.add(peer);
    socket.once('close', () => connections.delete(peer));
  };
  const projectSockets = createProjectSockets({
    tokens: options.tokens, bus, logger, instanceId, isDraining: () => draining, heartbeatMs: options.heartbeatMs,
  });
  const handleDocumentUpgrade = createUpgradeHandler({
    tokens: options.tokens, bus, wss, logger, isDraining: () => draining, onConnection,
  });

  // Sockets that stop answering pings are cut, so their rooms can unload.
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const events = bus.onEvent((event) => applyAccessEvent(event));
  function applyAccessEvent(event: BusEvent): void {
    applyProjectAccessEvent(event, connections);
    for (const peer of connections) {
      if (event.type === 'session-revoked' && peer.sessionId === event.sessionId) {
        peer.close(CloseCode.unauthorized, 'session revoked');
      } else if (event.type === 'member-removed' && peer.documentId === event.documentId && peer.userId === event.userId) {
        peer.close(CloseCode.forbidden, 'access removed');
      } else if (event.type === 'member-role-changed' && peer.documentId === event.documentId && peer.userId === event.userId) {
        peer.role = event.role;
      } else if (event.type === 'document-deleted' && peer.documentId === event.documentId) {
        peer.close(CloseCode.notFound, 'document deleted');
      }
    }
    if (event.type === 'document-deleted') void registry.drop(event.documentId);
    if (event.type === 'snapshot-saved' && event.upToEntryId !== undefined) registry.live(event.documentId)?.savePoint.markSaved(event.upToEntryId);
  }

  const stats = () => ({ rooms: registry.roomCount(), connections: wss.clients.size + projectSockets.connections() });

  async function health(response: ServerResponse): Promise<void> {
    let busStatus = 'ok';
    try {
      await bus.check();
    } catch (error) {
      busStatus = `error: ${(error as Error).message}`;
    }
    const ok = busStatus === 'ok' && !draining;
    const body = { status: draining ? 'draining' : ok ? 'ok' : 'unavailable', instance: instanceId, ...stats(), checks: { bus: busStatus } };
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  }

  async function metricsResponse(response: ServerResponse): Promise<void> {
    response.writeHead(200, { 'content-type': metrics.registry.contentType });
    response.end(await metrics.registry.metrics());
  }

  return {
    instanceId,
    handleUpgrade: (request, socket, head) =>
      projectSockets.handles(request)
        ? projectSockets.handleUpgrade(request, socket, head)
        : handleDocumentUpgrade(request, socket, head),
    handleRequest(request, response) {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const respond = path === '/socket/health' ? health : path === '/socket/metrics' ? metricsResponse : undefined;
      if (!respond) return false;
      respond(response).catch((error: Error) => {
        logger.error({ err: error.message }, 'health/metrics failed');
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
      return true;
    },
    stats,
    async close() {
      draining = true;
      clearInterval(heartbeat);
      access.stop();
      sweeper?.stop();
      events.unsubscribe();
      projectSockets.close();
      for (const socket of wss.clients) socket.close(CloseCode.serviceRestart, 'service restarting');
      await registry.closeAll();
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      logger.info('sync runtime closed');
    },
  };
}
