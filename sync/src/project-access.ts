import { CloseCode, type BusEvent } from '@codesync/protocol';
import type { Peer } from './peer.js';

/**
 * Project-wide access events on document sockets: one event reaches every
 * file's socket opened through that project membership (its token names the
 * project). A changed role closes with 4401 so the client fetches a fresh
 * token, whose role the API recomputes from project and document roles.
 */
export function applyProjectAccessEvent(event: BusEvent, peers: Iterable<Peer>): void {
  if (event.type !== 'project-member-removed' && event.type !== 'project-member-role-changed') return;
  for (const peer of peers) {
    if (peer.projectId !== event.projectId || peer.userId !== event.userId) continue;
    if (event.type === 'project-member-removed') peer.close(CloseCode.forbidden, 'access removed');
    else peer.close(CloseCode.unauthorized, 'role changed');
  }
}
