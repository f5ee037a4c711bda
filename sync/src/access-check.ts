import { markersOf, revocationFrom, type RevocationMarkers } from '@codesync/bus';
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
 * A period reads each distinct marker once, however many sockets share it.
 */
export function startAccessChecks(deps: {
  bus: RevocationMarkers;
  peers(): Iterable<Peer>;
  intervalMs: number;
  logger: Logger;
}): AccessChecks {
  /** Closes the peers an access event came after; true for those still allowed. */
  async function checkAll(peers: Peer[]): Promise<boolean[]> {
    const markers = [...new Set(peers.flatMap((peer) => markersOf(peer).map(([, marker]) => marker)))];
    let times: Map<string, number>;
    try {
      times = await deps.bus.markerTimes(markers);
    } catch (error) {
      deps.logger.warn({ err: (error as Error).message, sockets: peers.length }, 'access re-check failed; next period retries');
      return peers.map(() => true);
    }
    return peers.map((peer) => {
      const code = revocationCode(revocationFrom(peer, times));
      if (code === null) return true;
      peer.close(code, 'access changed');
      return false;
    });
  }
  const timer = setInterval(() => {
    const peers = [...deps.peers()];
    if (peers.length > 0) void checkAll(peers);
  }, deps.intervalMs);
  timer.unref();
  return {
    check: async (peer) => (await checkAll([peer]))[0] ?? true,
    stop: () => clearInterval(timer),
  };
}
