import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { createSessionStore, PROFILE_KEY } from './session-store';
import { memoryStorage, tokens } from './test-fakes';
import { createTokenRefresher, storageLock, type CrossTabLock } from './token-refresher';

function setup(refresh: () => Promise<ReturnType<typeof tokens>>, lock?: CrossTabLock) {
  const storage = memoryStorage();
  const store = createSessionStore(storage, new EventTarget());
  store.set(tokens(1));
  return { store, storage, refresher: createTokenRefresher({ store, refresh, lock }) };
}

describe('token refresher', () => {
  it('spends the refresh cookie once when many requests find the access token stale together', async () => {
    const refresh = vi.fn(async () => tokens(2));
    const { refresher, store } = setup(refresh);

    const results = await Promise.all([refresher('access-1'), refresher('access-1'), refresher('access-1')]);

    expect(refresh).toHaveBeenCalledTimes(1);
    expect(results.map((s) => s?.accessToken)).toEqual(['access-2', 'access-2', 'access-2']);
    expect(store.get()?.accessToken).toBe('access-2');
  });

  // Issue 16, finding 3: both tokens sat in localStorage for any script to read.
  it('keeps no token in storage: only the account, which a reload while offline still shows', async () => {
    const { store, storage } = setup(async () => tokens(2));
    expect(storage.getItem(PROFILE_KEY)).not.toContain('access-1');
    expect(JSON.parse(storage.getItem(PROFILE_KEY) ?? '{}')).toMatchObject({ id: 'u1', name: 'Ada' });
    expect(storage.getItem('codesync:session')).toBeNull();
    const reloaded = createSessionStore(storage, new EventTarget());
    expect(reloaded.get()).toMatchObject({ user: { id: 'u1' }, accessToken: null });
    expect(store.get()?.accessToken).toBe('access-1');
  });

  it('after a reload, gets an access token from the cookie before the first request', async () => {
    const storage = memoryStorage();
    createSessionStore(storage, new EventTarget()).set(tokens(1));
    const store = createSessionStore(storage, new EventTarget());
    const refresh = vi.fn(async () => tokens(2));
    const session = await createTokenRefresher({ store, refresh })(null);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(session?.accessToken).toBe('access-2');
  });

  it('removes tokens an older version left in localStorage', () => {
    const storage = memoryStorage();
    storage.setItem('codesync:session', JSON.stringify(tokens(1)));
    createSessionStore(storage, new EventTarget());
    expect(storage.getItem('codesync:session')).toBeNull();
  });

  it('signs this tab out when another tab signs out', () => {
    const storage = memoryStorage();
    const events = new EventTarget();
    const store = createSessionStore(storage, events);
    store.set(tokens(1));
    storage.removeItem(PROFILE_KEY);
    events.dispatchEvent(Object.assign(new Event('storage'), { key: PROFILE_KEY }));
    expect(store.get()).toBeNull();
  });

  it('ends the session when the server rejects the refresh cookie', async () => {
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
    expect(store.get()?.user.id).toBe('u1');
  });

  // Plain HTTP on a LAN has no Web Locks: two tabs must still not spend one cookie together.
  it('serialises tasks across "tabs" with the localStorage lease where Web Locks are missing', async () => {
    const storage = memoryStorage();
    const [a, b] = [storageLock(storage), storageLock(storage)];
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`${name} out`);
    };
    await Promise.all([a('codesync:refresh', task('a')), b('codesync:refresh', task('b'))]);
    expect(order.join(',')).toMatch(/^(a in,a out,b in,b out|b in,b out,a in,a out)$/);
  });
});
