import type { ConnectionState, ConnectionStatus } from './connection-controller';

const labels: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline',
  'signed-out': 'Signed out',
  forbidden: 'No access',
  'not-found': 'Deleted',
  'too-large': 'Not syncing',
  refused: 'Not syncing',
  stopped: 'Closed',
};

interface ConnectionBadgeProps {
  state: ConnectionState;
  unsynced: boolean;
}

/** The always-visible connection state, announced politely to screen readers. */
export function ConnectionBadge({ state, unsynced }: ConnectionBadgeProps) {
  const hint = state.status === 'offline' ? 'Edits are kept on this device and merge when you reconnect.' : (state.detail ?? '');
  return (
    <div className="connection" role="status" aria-live="polite" data-status={state.status} data-unsynced={unsynced} title={hint}>
      <span className={`connection-dot connection-${state.status}`} aria-hidden="true" />
      <span className="connection-label">{labels[state.status]}</span>
      {unsynced && (
        // Online, edits are on their way; otherwise they wait on this device.
        <span className="connection-unsynced">{state.status === 'connected' ? 'Saving…' : 'Unsynced changes'}</span>
      )}
    </div>
  );
}
