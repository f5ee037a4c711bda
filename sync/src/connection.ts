import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { CloseCode, type VerifiedDocumentToken } from '@codesync/protocol';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import type { LiveRoom } from './live-room.js';
import { decodeClientMessage, isEmptyStateVector, MalformedMessageError, type ClientMessage } from './messages.js';
import type { SyncMetrics } from './metrics.js';
import type { Peer } from './peer.js';
import { createTokenBucket } from './rate-limit.js';
import type { SyncLimits } from './limits.js';
import type { RoomRegistry } from './rooms.js';

/**
 * One socket: decodes y-protocols frames and routes them to its room. A bad
 * frame closes this socket only; the room and the process carry on.
 */
export function acceptConnection(
  socket: WebSocket,
  /** The upgraded TCP socket under `socket`: pre-framed messages are written to it directly. */
  wire: Duplex,
  token: VerifiedDocumentToken,
  deps: {
    registry: RoomRegistry;
    logger: Logger;
    metrics: SyncMetrics;
    limits: SyncLimits;
    /** Re-reads the access markers (access-check.ts); closes the socket and resolves false when access is gone. */
    checkAccess(peer: Peer): Promise<boolean>;
  },
): Peer {
  const { registry, metrics, limits } = deps;
  const id = randomUUID();
  // Made when the socket first logs: a child logger costs ~9 KB of garbage to make (redaction
  // runs over its fields), and most sockets never log.
  let log: Logger | undefined;
  const logger = (): Logger => (log ??= deps.logger.child({ connId: id, docId: token.documentId, userId: token.userId }));
  const bucket = createTokenBucket(limits.messagesPerSecond, limits.messageBurst);
  let live: LiveRoom | undefined;
  let queued: ClientMessage[] | undefined = [];
  // The last of this socket's updates still being appended. A sync step 1 is
  // answered after it, so the answer also acknowledges every earlier update.
  let appending: Promise<void> = Promise.resolve();

  /** Whether the socket can take another message now; a client too far behind is closed. */
  const writable = (): boolean => {
    if (socket.readyState !== WebSocket.OPEN) return false;
    if (socket.bufferedAmount <= limits.queueBytes) return true;
    peer.close(CloseCode.tryAgainLater, 'client too slow');
    return false;
  };

  const peer: Peer = {
    id,
    userId: token.userId,
    sessionId: token.sessionId,
    documentId: token.documentId,
    projectId: token.projectId,
    role: token.role,
    issuedAtMs: token.issuedAtMs,
    awarenessClients: new Set(),
    send(message) {
      if (writable()) socket.send(message, { binary: true });
    },
    // ws writes synchronously here (no compression), so frames written past it keep their order.
    sendFrame(frame) {
      if (writable()) wire.write(frame);
    },
    bufferedBytes: () => socket.bufferedAmount,
    close(code, reason) {
      if (socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) return;
      metrics.closes.inc({ code: String(code) });
      logger().info({ code, reason }, 'closing socket');
      socket.close(code, reason);
    },
  };

  function route(message: ClientMessage): void {
    if (!live) return;
    const room = live;
    switch (message.kind) {
      case 'sync-step1':
        void appending.then(() => room.answerSyncStep1(peer, message.stateVector));
        return;
      case 'update': {
        const accepted = room.acceptUpdate(peer, message.update);
        appending = appending.then(() => accepted);
        return;
      }
      case 'awareness':
        return room.acceptAwareness(peer, message.update);
      case 'query-awareness':
        return room.sendAwarenessStates(peer);
    }
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    // Closed by the server (refused, access removed): nothing more of this socket is taken.
    if (socket.readyState !== WebSocket.OPEN) return;
    if (!bucket.take()) return peer.close(CloseCode.rateLimited, 'too many messages');
    if (!isBinary || !Buffer.isBuffer(data)) return peer.close(CloseCode.malformed, 'expected one binary frame');
    let message: ClientMessage;
    try {
      message = decodeClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      logger().warn({ err: error.message }, 'malformed message');
      return peer.close(CloseCode.malformed, 'malformed message');
    }
    if (queued) queued.push(message);
    else route(message);
  });

  socket.on('error', (error: Error) => logger().warn({ err: error.message }, 'socket error'));
  socket.on('close', () => {
    metrics.connections.dec();
    registry.leave(token.documentId, peer);
  });

  // While the room loads: a fresh client's first message, its sync step 1, can be
  // answered from the stored state at once (the room's own welcome follows).
  const answerFromStore = (frames: Uint8Array[]): boolean => {
    const first = queued?.[0];
    if (first?.kind !== 'sync-step1' || !isEmptyStateVector(first.stateVector)) return false;
    queued?.shift();
    for (const frame of frames) peer.send(frame);
    return true;
  };

  metrics.connections.inc();
  registry.join(token.documentId, peer, answerFromStore).then(
    async (room) => {
      // Checked again once the room is loaded, before anything queued is taken: an access
      // event while the socket was joining (or one lost on its way) must not let it write (SPEC 22).
      if (socket.readyState === WebSocket.OPEN) await deps.checkAccess(peer);
      live = room;
      if (socket.readyState !== WebSocket.OPEN) return registry.leave(token.documentId, peer);
      room.welcome(peer);
      const pending = queued ?? [];
      queued = undefined;
      for (const message of pending) route(message);
    },
    (error: Error) => {
      metrics.errors.inc({ kind: 'load' });
      logger().error({ err: error.message }, 'room failed to load');
      peer.close(CloseCode.internalError, 'document failed to load');
    },
  );
  return peer;
}
