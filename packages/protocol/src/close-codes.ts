/**
 * WebSocket close codes used by the sync service. 1xxx are the standard
 * codes (RFC 6455); 44xx mirror the HTTP status a request would have had.
 */
export const CloseCode = {
  normal: 1000,
  /** The message could not be decoded as y-protocols, or an update was refused (it would not integrate cleanly). */
  malformed: 4400,
  /** One message was larger than the per-message limit. */
  messageTooBig: 1009,
  /** Server shutting down or moving the room; the client should reconnect (elsewhere). */
  serviceRestart: 1012,
  /** Missing, expired, invalid or revoked token. */
  unauthorized: 4401,
  /** Token is valid but for another document, or access was removed. */
  forbidden: 4403,
  /** Unknown or deleted document. */
  notFound: 4404,
  /** Content over a limit: the document, an update or an awareness state is too large. */
  tooLarge: 4413,
  /** The connection sent more messages than its rate allows. */
  rateLimited: 4429,
  /** Server-side failure for this connection only (e.g. room failed to load). */
  internalError: 1011,
  /** The client reads too slowly to keep up with its room. */
  tryAgainLater: 1013,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const closeReason: Record<CloseCode, string> = {
  [CloseCode.normal]: 'normal',
  [CloseCode.malformed]: 'malformed message',
  [CloseCode.messageTooBig]: 'message too big',
  [CloseCode.serviceRestart]: 'service restarting',
  [CloseCode.unauthorized]: 'unauthorized',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.notFound]: 'document not found',
  [CloseCode.tooLarge]: 'content too large',
  [CloseCode.rateLimited]: 'rate limited',
  [CloseCode.internalError]: 'internal error',
  [CloseCode.tryAgainLater]: 'too slow to keep up',
};
