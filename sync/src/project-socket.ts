import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TokenService } from '@codesync/auth';
import type { DocumentBus } from '@codesync/bus';
import { CloseCode, closeReason, type BusEvent, type VerifiedProjectToken } from '@codesync/protocol';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { decodeClientMessage, encodeSyncStep2, MalformedMessageError } from './messages.js';
import { createProjectRoom, type ProjectPeer, type ProjectRoom } from './project-room.js';
import { createTokenBucket } from './rate-limit.js';

const PROJECT_SOCKET_PATH = /^\/socket\/project\/([A-Za-z0-9_-]{1,128})\/?$/;
/** The encoding of an empty Yjs update: the only document content a project socket carries. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
const MAX_FRAME_BYTES = 16 * 1024;

export interface ProjectSockets {
  /** True for `/socket/project/…` (the upgrade hook routes these here). */
  handles(request: IncomingMessage): boolean;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  connections(): number;
  close(): void;
}

export interface ProjectSocketOptions {
  tokens: TokenService;
  bus: DocumentBus;
  logger: Logger;
  instanceId: string;
  isDraining(): boolean;
  /** How often each open socket re-checks its token against the revocation markers. */
  recheckMs?: number;
  heartbeatMs?: number;
  messagesPerSecond?: number;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The project socket (sync/SPEC.md, "Project socket"): presence and
 * tree-change notices for one project, no document content.
 */
export function createProjectSockets(options: ProjectSocketOptions): ProjectSockets {
  const { tokens, bus, instanceId } = options;
  const logger = options.logger.child({ module: 'project-socket' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const rooms = new Map<string, ProjectRoom>();
  const alive = new WeakSet<WebSocket>();

  const roomOf = (projectId: string) => {
    let room = rooms.get(projectId);
    if (!room) {
      room = createProjectRoom({ projectId, bus, instanceId, logger });
      rooms.set(projectId, room);
    }
    return room;
  };

  async function admit(projectId: string, raw: string | null): Promise<VerifiedProjectToken | CloseCode> {
    if (!raw) return CloseCode.unauthorized;
    let token: VerifiedProjectToken;
    try {
      token = await tokens.verifyProject(raw);
    } catch {
      return CloseCode.unauthorized;
    }
    if (token.projectId !== projectId) return CloseCode.forbidden;
    return (await revocation(token)) ?? token;
  }

  async function revocation(token: Pick<VerifiedProjectToken, 'projectId' | 'sessionId' | 'userId' | 'issuedAtMs'>) {
    const kind = await bus.revokedBy({ ...token, documentId: token.projectId });
    if (kind === 'document') return CloseCode.notFound;
    return kind === null ? null : CloseCode.unauthorized;
  }

  function connect(socket: WebSocket, token: VerifiedProjectToken): void {
    const id = randomUUID();
    const log = logger.child({ connId: id, projectId: token.projectId, userId: token.userId });
    const bucket = createTokenBucket(options.messagesPerSecond ?? 100, 300);
    const room = roomOf(token.projectId);
    const peer: ProjectPeer = {
      id, userId: token.userId, sessionId: token.sessionId, projectId: token.projectId,
      issuedAtMs: token.issuedAtMs, role: token.role, clients: new Set(),
      send(frame) {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame, { binary: true });
      },
      close(code, reason) {
        if (socket.readyState !== WebSocket.OPEN && socket.readyState !== WebSocket.CONNECTING) return;
        log.info({ code, reason }, 'closing project socket');
        socket.close(code, reason);
      },
    };
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    room.join(peer);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!bucket.take()) return peer.close(CloseCode.rateLimited, 'too many messages');
      if (!isBinary || !Buffer.isBuffer(data)) return peer.close(CloseCode.malformed, 'expected one binary frame');
      try {
        route(room, peer, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        log.warn({ err: error.message }, 'malformed project socket message');
        peer.close(CloseCode.malformed, error.message.slice(0, 100));
      }
    });
    socket.on('error', (error: Error) => log.warn({ err: error.message }, 'project socket error'));
    socket.on('close', () => {
      if (room.leave(peer)) {
        room.close();
        rooms.delete(token.projectId);
      }
    });
    room.sendStates(peer);
  }

  function route(room: ProjectRoom, peer: ProjectPeer, frame: Uint8Array): void {
    const message = decodeClientMessage(frame);
    switch (message.kind) {
      case 'sync-step1':
        // The project's "document" is always empty: answering lets a stock provider count itself synced.
        return peer.send(encodeSyncStep2(EMPTY_UPDATE));
      case 'update':
        if (!sameBytes(message.update, EMPTY_UPDATE)) throw new MalformedMessageError('the project socket carries no document content');
        return;
      case 'awareness':
        return room.acceptPresence(peer, message.update);
      case 'query-awareness':
        return room.sendStates(peer);
    }
  }

  function applyEvent(event: BusEvent): void {
    if (event.type === 'project-tree-changed') return rooms.get(event.projectId)?.notifyTree(event.treeVersion);
    for (const room of rooms.values()) {
      for (const peer of room.peers) {
        if (event.type === 'session-revoked' && peer.sessionId === event.sessionId) peer.close(CloseCode.unauthorized, 'session revoked');
        if (event.type === 'project-deleted' && peer.projectId === event.projectId) peer.close(CloseCode.notFound, 'project deleted');
        if (event.type === 'project-member-removed' && peer.projectId === event.projectId && peer.userId === event.userId) {
          peer.close(CloseCode.forbidden, 'access removed');
        }
        if (event.type === 'project-member-role-changed' && peer.projectId === event.projectId && peer.userId === event.userId) {
          peer.role = event.role;
        }
      }
    }
  }
  const events = bus.onEvent(applyEvent);

  // A lost event costs at most one period: every socket re-checks the markers.
  const recheck = setInterval(() => {
    for (const room of rooms.values()) {
      for (const peer of room.peers) {
        revocation(peer).then(
          (code) => code !== null && peer.close(code, closeReason[code]),
          (error: Error) => logger.warn({ err: error.message }, 'project socket re-check failed'),
        );
      }
    }
  }, options.recheckMs ?? 30_000);
  recheck.unref();

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

  // Out here, not in handleUpgrade: its scope (request, token, head) would live as long as the socket.
  const onSocketError = (error: Error) => logger.debug({ err: error.message }, 'upgrade socket error');
  return {
    handles: (request) => PROJECT_SOCKET_PATH.test(new URL(request.url ?? '/', 'http://localhost').pathname),
    handleUpgrade(request, socket, head) {
      socket.on('error', onSocketError);
      const url = new URL(request.url ?? '/', 'http://localhost');
      const projectId = PROJECT_SOCKET_PATH.exec(url.pathname)?.[1] ?? '';
      if (options.isDraining()) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      admit(projectId, url.searchParams.get('token')).then(
        (admission) =>
          wss.handleUpgrade(request, socket, head, (ws) => {
            if (typeof admission === 'object') return connect(ws, admission);
            logger.info({ projectId, code: admission }, 'project socket refused');
            ws.close(admission, closeReason[admission]);
          }),
        (error: Error) => {
          logger.error({ projectId, err: error.message }, 'project socket admission failed');
          socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        },
      );
    },
    connections: () => wss.clients.size,
    close() {
      clearInterval(recheck);
      clearInterval(heartbeat);
      events.unsubscribe();
      for (const socket of wss.clients) socket.close(CloseCode.serviceRestart, 'service restarting');
      for (const room of rooms.values()) room.close();
      rooms.clear();
      wss.close();
    },
  };
}
