import type { CloseCode, Role } from '@codesync/protocol';

/** What a room needs of one connected client: identity, role, and a way to send and close. */
export interface Peer {
  readonly id: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly documentId: string;
  /** Set when the socket's role comes from a project membership (project-access.ts). */
  readonly projectId?: string | undefined;
  role: Role;
  /** When its token was issued: access events after it refuse it (access-check.ts). */
  readonly issuedAtMs: number;
  /** Awareness client ids this peer has announced (removed when it leaves). */
  readonly awarenessClients: Set<number>;
  send(message: Uint8Array): void;
  /** The same, already framed (frames.ts): a broadcast frames its message once for every peer. */
  sendFrame(frame: Buffer): void;
  /** Bytes sent but not yet written out to the network. */
  bufferedBytes(): number;
  close(code: CloseCode, reason: string): void;
}
