import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthPage } from './auth-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('AuthPage', () => {
  it('shows the server’s reason inline when sign-in fails', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ error: { code: 'invalid_credentials', message: 'Wrong email or password' } }), { status: 401 }),
    );
    render(<AuthPage mode="sign-in" next={null} notice={null} />);

    fill('Email', 'ada@example.com');
    fill('Password', 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password');
    expect(localStorage.getItem('codesync:profile')).toBeNull();
  });

  it('signs up, then signs in and keeps the session', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url).pathname;
      calls.push(url);
      if (url.endsWith('/register')) return new Response(JSON.stringify({ user: { id: 'u1' } }), { status: 201 });
      return new Response(
        JSON.stringify({ accessToken: 'a', refreshToken: 'r', accessTokenExpiresAt: '2099-01-01T00:00:00Z', user: { id: 'u1', name: 'Ada' } }),
        { status: 200 },
      );
    });
    render(<AuthPage mode="sign-up" next="/d/doc-1" notice="Your session ended." />);
    expect(screen.getByRole('status').textContent).toBe('Your session ended.');

    fill('Name', 'Ada');
    fill('Email', 'ada@example.com');
    fill('Password', 'long enough');
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));

    await vi.waitFor(() => expect(window.location.pathname).toBe('/d/doc-1'));
    expect(calls).toEqual(['/api/auth/register', '/api/auth/login']);
    // The account is remembered; no token is (the access token lives in memory, the refresh token in a cookie).
    expect(JSON.parse(localStorage.getItem('codesync:profile') ?? '{}')).toMatchObject({ id: 'u1', name: 'Ada' });
    expect(JSON.stringify({ ...localStorage })).not.toMatch(/"a"|"r"/);
  });
});
