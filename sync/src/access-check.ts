import type { RevocationMarkers } from '@codesync/bus';
import type { Logger } from 'pino';
import type { Peer } from './peer.js';
import { revocationCode } from './upgrade.js';

export interface AccessChecks {
  /** Re-reads the markers for one socket; closes it and resolves false when access is gone (true if the bus cannot answer). */
  check(peer: Peer): Promise<boolean>;
  stop(): void;
}

/**
 * Access events travel over pub/sub, which can drop them (a Redis reconnect):
 * every open socket, joining ones included, re-reads its revocation markers
 * every `intervalMs` (at most 30 s), so a lost event costs at most that (SPEC 22).
 */
export function startAccessChecks(deps: {
  bus: RevocationMarkers;
  peers(): Iterable<Peer>;
  intervalMs: number;
  logger: Logger;
}): AccessChecks {
  async function check(peer: Peer): Promise<boolean> {
    let code;
    try {
      code = revocationCode(await deps.bus.revokedBy(peer));
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message, connId: peer.id }, 'access re-check failed; next period retries');
      return true;
    }
    if (code === null) return true;
    peer.close(code, 'access changed');
    return false;
  }
  const timer = setInterval(() => {
    for (const peer of deps.peers()) void check(peer);
  }, deps.intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
