import { CloseCode, type SyncTokenDto } from '@codesync/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { createBackoff } from './backoff';
import { createConnectionController, type SyncTransport } from './connection-controller';

function fakeTransport() {
  const transport: SyncTransport & { connects: string[] } = {
    params: {},
    shouldConnect: false,
    connects: [],
    connect() {
      this.shouldConnect = true;
      this.connects.push(this.params.token ?? '');
    },
    disconnect() {
      this.shouldConnect = false;
    },
  };
  return transport;
}

function setup(fetchToken: () => Promise<SyncTokenDto>) {
  const transport = fakeTransport();
  const controller = createConnectionController({
    transport,
    fetchToken,
    backoff: createBackoff({ baseMs: 1_000, random: () => 0.5 }),
    random: () => 0.5,
  });
  return { transport, controller };
}

let n = 0;
const token = async (): Promise<SyncTokenDto> => ({ token: `t${++n}`, expiresAt: '', role: 'editor' });
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  n = 0;
});
afterEach(() => vi.useRealTimers());

describe('connection controller', () => {
  it('connects with a fresh token and reports connected once synced', async () => {
    const { transport, controller } = setup(token);

    controller.start();
    expect(controller.getState().status).toBe('connecting');
    await flush();
    expect(transport.connects).toEqual(['t1']);

    controller.onSynced(true);
    expect(controller.getState()).toMatchObject({ status: 'connected', role: 'editor' });
  });

  it('fetches a new token before reconnecting after the token expired (4401)', async () => {
    const { transport, controller } = setup(token);
    controller.start();
    await flush();
    controller.onSynced(true);

    controller.onClose(CloseCode.unauthorized);
    expect(transport.shouldConnect).toBe(false);
    expect(controller.getState().status).toBe('connecting');
    await vi.advanceTimersByTimeAsync(250);

    expect(transport.connects).toEqual(['t1', 't2']);
  });

  it('comes back after a service restart (1012) within the jittered window, not at once', async () => {
    const { transport, controller } = setup(token);
    controller.start();
    await flush();
    controller.onSynced(true);

    controller.onClose(CloseCode.serviceRestart);
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.connects).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(transport.connects).toHaveLength(2);
  });

  it('shows offline and backs off while the token cannot be fetched, then recovers', async () => {
    let online = false;
    const { transport, controller } = setup(async () => {
      if (!online) throw new ApiError(0, 'network_error', 'offline');
      return token();
    });

    controller.start();
    await flush();
    expect(controller.getState().status).toBe('offline');
    await vi.advanceTimersByTimeAsync(500); // first window: 0.5 * 1000
    expect(controller.getState().status).toBe('offline');

    online = true;
    controller.onBrowserOnline();
    await vi.advanceTimersByTimeAsync(250);
    expect(transport.connects).toEqual(['t1']);
    controller.onSynced(true);
    expect(controller.getState().status).toBe('connected');
  });

  it('treats a socket that closes before syncing as a failed attempt', async () => {
    const { controller } = setup(token);
    controller.start();
    await flush();

    controller.onClose(1006);

    expect(controller.getState()).toMatchObject({ status: 'offline', detail: 'closed with code 1006' });
  });

  it('drops the socket when the browser goes offline and says so', async () => {
    const { transport, controller } = setup(token);
    controller.start();
    await flush();
    controller.onSynced(true);

    controller.onBrowserOffline();

    expect(transport.shouldConnect).toBe(false);
    expect(controller.getState().status).toBe('offline');
  });

  it.each([
    [CloseCode.forbidden, 'forbidden'],
    [CloseCode.notFound, 'not-found'],
  ] as const)('stops for good on close code %i (%s)', async (code, status) => {
    const { transport, controller } = setup(token);
    controller.start();
    await flush();
    controller.onSynced(true);

    controller.onClose(code);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(controller.getState().status).toBe(status);
    expect(transport.connects).toHaveLength(1);
  });

  it('sends the user to sign in when the session is revoked, without retrying', async () => {
    const { controller } = setup(async () => {
      throw new ApiError(401, 'session_expired', 'Your session has ended.');
    });

    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(controller.getState().status).toBe('signed-out');
  });
});
