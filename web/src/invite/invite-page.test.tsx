import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, tokens } from '../api/test-fakes';
import { sessionStore } from '../app/services';
import { InvitePage } from './invite-page';

const project = { id: '6f1c2a52-8f0e-4a43-9d7e-6a1f1c0c4b11', name: 'Pair', role: 'editor' };

beforeEach(() => {
  sessionStore.set(tokens(1, 3_600_000));
  window.history.replaceState(null, '', '/invite/secret-token');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStore.set(null);
});

function answer(response: () => Response): Array<{ url: string; body: unknown }> {
  const calls: Array<{ url: string; body: unknown }> = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push({ url: new URL(request.url).pathname, body: await request.json() });
    return response();
  });
  return calls;
}

describe('InvitePage', () => {
  it('accepts with the token in the body and opens the project in place of the invite address', async () => {
    const calls = answer(() => json(200, { project }));
    render(<InvitePage token="secret-token" />);
    await vi.waitFor(() => expect(window.location.pathname).toBe(`/p/${project.id}`));
    expect(calls).toEqual([{ url: '/api/invites/accept', body: { token: 'secret-token' } }]);
  });

  it('a revoked link says it is no longer valid', async () => {
    answer(() => json(404, { error: { code: 'invite_not_found', message: 'x' } }));
    render(<InvitePage token="secret-token" />);
    expect(await screen.findByRole('heading', { name: 'This invite link is no longer valid' })).toBeTruthy();
  });

  it('an expired link says so, in words a person understands', async () => {
    answer(() => json(410, { error: { code: 'invite_expired', message: 'x' } }));
    render(<InvitePage token="secret-token" />);
    expect((await screen.findByRole('heading', { name: 'This invite link has expired' })).textContent).toBeTruthy();
    expect(screen.getByText(/Ask the person who sent it for a new one/)).toBeTruthy();
  });
});
