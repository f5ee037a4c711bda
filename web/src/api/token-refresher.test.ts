import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { createSessionStore } from './session-store';
import { memoryStorage, tokens } from './test-fakes';
import { createTokenRefresher, type CrossTabLock } from './token-refresher';

function setup(refresh: (token: string) => Promise<ReturnType<typeof tokens>>, lock?: CrossTabLock) {
  const storage = memoryStorage();
  const store = createSessionStore(storage, new EventTarget());
  store.set(tokens(1));
  return { store, storage, refresher: createTokenRefresher({ store, refresh, lock }) };
}

describe('token refresher', () => {
  it('spends the refresh token once when many requests find the access token stale together', async () => {
    const refresh = vi.fn(async () => tokens(2));
    const { refresher, store } = setup(refresh);

    const results = await Promise.all([refresher('access-1'), refresher('access-1'), refresher('access-1')]);

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(results.map((s) => s?.accessToken)).toEqual(['access-2', 'access-2', 'access-2']);
    expect(store.get()?.refreshToken).toBe('refresh-2');
  });

  it('reuses the session another tab already renewed instead of spending a used token', async () => {
    const refresh = vi.fn(async () => tokens(3));
    // The lock is held by another tab which rotates the tokens before letting us in.
    const { store, storage, refresher } = setup(refresh, async (_name, task) => {
      storage.setItem('codesync:session', JSON.stringify(tokens(2)));
      return task();
    });

    const session = await refresher('access-1');

    expect(refresh).not.toHaveBeenCalled();
    expect(session?.accessToken).toBe('access-2');
    expect(store.get()?.accessToken).toBe('access-2');
  });

  it('ends the session when the server rejects the refresh token', async () => {
    const { refresher, store } = setup(async () => {
      throw new ApiError(401, 'unauthorized', 'revoked');
    });

    await expect(refresher('access-1')).resolves.toBeNull();
    expect(store.get()).toBeNull();
  });

  it('keeps the session when the refresh fails for want of a network', async () => {
    const { refresher, store } = setup(async () => {
      throw new ApiError(0, 'network_error', 'offline');
    });

    await expect(refresher('access-1')).rejects.toMatchObject({ code: 'network_error' });
    expect(store.get()?.refreshToken).toBe('refresh-1');
  });
});
