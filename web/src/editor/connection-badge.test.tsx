import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionBadge } from './connection-badge';

afterEach(cleanup);

const state = { retryAt: null, detail: null, role: null } as const;

describe('ConnectionBadge', () => {
  it('says offline and that changes are not yet synced', () => {
    render(<ConnectionBadge state={{ ...state, status: 'offline' }} unsynced />);
    const badge = screen.getByRole('status');
    expect(badge.textContent).toContain('Offline');
    expect(badge.textContent).toContain('Unsynced changes');
    expect(badge.getAttribute('title')).toMatch(/kept on this device/);
  });

  it('says saving while connected edits await the server', () => {
    render(<ConnectionBadge state={{ ...state, status: 'connected' }} unsynced />);
    expect(screen.getByRole('status').textContent).toBe('ConnectedSaving…');
  });

  it('says connected and nothing else when all is saved', () => {
    render(<ConnectionBadge state={{ ...state, status: 'connected' }} unsynced={false} />);
    expect(screen.getByRole('status').textContent).toBe('Connected');
  });
});
