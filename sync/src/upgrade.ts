import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TokenService } from '@codesync/auth';
import type { DocumentBus, RevocationKind } from '@codesync/bus';
import { CloseCode, closeReason, type VerifiedDocumentToken } from '@codesync/protocol';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';

const SOCKET_PATH = /^\/socket\/([A-Za-z0-9_-]{1,128})\/?$/;

export type Admission = { ok: true; token: VerifiedDocumentToken } | { ok: false; code: CloseCode };

/**
 * Decides, before any room work, whether a socket may join: the document
 * token must verify, name this document, and not predate an access change.
 */
export async function admit(
  documentId: string,
  rawToken: string | null,
  deps: { tokens: TokenService; bus: DocumentBus },
): Promise<Admission> {
  if (!rawToken) return { ok: false, code: CloseCode.unauthorized };
  let token: VerifiedDocumentToken;
  try {
    token = await deps.tokens.verifyDocument(rawToken);
  } catch {
    return { ok: false, code: CloseCode.unauthorized };
  }
  if (token.documentId !== documentId) return { ok: false, code: CloseCode.forbidden };
  const code = revocationCode(await deps.bus.revokedBy(token));
  return code === null ? { ok: true, token } : { ok: false, code };
}

/** The close code for a token an access event came after (null: none did). */
export function revocationCode(kind: RevocationKind | null): CloseCode | null {
  switch (kind) {
    case 'document':
      return CloseCode.notFound;
    case 'session':
      return CloseCode.unauthorized;
    case 'member':
      // Removed, or given another role: a fresh token says which (or 404s at the API).
      return CloseCode.unauthorized;
    case null:
      return null;
  }
}

function reject(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The HTTP upgrade on /socket/:documentId. A refused token still gets a real
 * WebSocket with a close code (4401/4403/4404), since browsers show clients
 * nothing of an HTTP error on upgrade.
 */
export function createUpgradeHandler(deps: {
  tokens: TokenService;
  bus: DocumentBus;
  wss: WebSocketServer;
  logger: Logger;
  isDraining(): boolean;
  onConnection(socket: WebSocket, wire: Duplex, token: VerifiedDocumentToken): void;
}): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  // Defined out here: a listener created inside the handler would keep the handler's whole
  // scope (the request with its headers and token, the head buffer) for the socket's lifetime.
  const onSocketError = (error: Error) => deps.logger.debug({ err: error.message }, 'upgrade socket error');
  return (request, socket, head) => {
    socket.on('error', onSocketError);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = SOCKET_PATH.exec(url.pathname);
    if (!match?.[1]) return reject(socket, '404 Not Found');
    if (deps.isDraining()) return reject(socket, '503 Service Unavailable');
    const documentId = match[1];
    admit(documentId, url.searchParams.get('token'), deps).then(
      (admission) =>
        deps.wss.handleUpgrade(request, socket, head, (ws) => {
          if (admission.ok) return deps.onConnection(ws, socket, admission.token);
          deps.logger.info({ docId: documentId, code: admission.code }, 'socket refused');
          ws.close(admission.code, closeReason[admission.code]);
        }),
      (error: Error) => {
        // The bus could not answer the revocation check: refuse rather than guess.
        deps.logger.error({ docId: documentId, err: error.message }, 'admission failed');
        reject(socket, '503 Service Unavailable');
      },
    );
  };
}
