import { CloseCode, type Role, type SyncTokenDto } from '@codesync/protocol';
import { ApiError, ClientErrorCode } from '../api/api-error';
import type { Backoff } from './backoff';
import { RATE_LIMITED_MESSAGE, REFUSED_MESSAGE, tooLargeMessage } from './close-messages';

export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'offline'
  /** The session ended (revoked, refresh token spent): the user must sign in; local edits are kept. */
  | 'signed-out'
  /** Access to the document was removed. */
  | 'forbidden'
  /** The document was deleted. */
  | 'not-found'
  /** The server refused content over a limit (4413): retrying would send it again. */
  | 'too-large'
  /** The server refused an update from this client (4400): retrying would send it again. */
  | 'refused'
  | 'stopped';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the next attempt is due (epoch ms) while one is scheduled. */
  retryAt: number | null;
  /** What went wrong last, for the tooltip. */
  detail: string | null;
  /** Role granted by the last sync token. */
  role: Role | null;
}

/** The part of y-websocket's WebsocketProvider this controller drives. */
export interface SyncTransport {
  params: Record<string, string>;
  shouldConnect: boolean;
  connect(): void;
  disconnect(): void;
}

export interface Timers {
  setTimeout(task: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface ConnectionControllerOptions {
  transport: SyncTransport;
  fetchToken: () => Promise<SyncTokenDto>;
  backoff: Backoff;
  timers?: Timers;
  random?: () => number;
}

const terminal = new Set<ConnectionStatus>(['signed-out', 'forbidden', 'not-found', 'too-large', 'refused', 'stopped']);
/** States the user may leave with "Try again" (after removing text, say). */
const retryable = new Set<ConnectionStatus>(['too-large', 'refused']);
/** A server that says "too many" (4429) is not asked again sooner than this. */
const RATE_LIMITED_MIN_DELAY_MS = 5_000;

const browserTimers: Timers = {
  setTimeout: (task, ms) => globalThis.setTimeout(task, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * Owns reconnection instead of y-websocket: a fresh document token before every connect,
 * full-jitter backoff after failures, and the close codes of DESIGN.md mapped to states.
 * The provider never reconnects on its own: every close sets `shouldConnect = false`.
 */
export function createConnectionController(options: ConnectionControllerOptions) {
  const { transport, fetchToken, backoff, timers = browserTimers, random = Math.random } = options;
  const listeners = new Set<() => void>();
  let state: ConnectionState = { status: 'connecting', retryAt: null, detail: null, role: null };
  let attemptId = 0;
  let timer: unknown = null;
  let failedSinceSync = false;
  let closingOnPurpose = false;

  function update(patch: Partial<ConnectionState>): void {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  }

  function cancelTimer(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  function schedule(delayMs: number, status: ConnectionStatus, detail: string | null): void {
    cancelTimer();
    timer = timers.setTimeout(() => {
      timer = null;
      void attempt();
    }, delayMs);
    update({ status, detail, retryAt: timers.now() + delayMs });
  }

  function fail(detail: string): void {
    failedSinceSync = true;
    schedule(backoff.next(), 'offline', detail);
  }

  function end(status: ConnectionStatus, detail: string | null): void {
    attemptId += 1;
    cancelTimer();
    closingOnPurpose = true;
    transport.disconnect();
    closingOnPurpose = false;
    update({ status, detail, retryAt: null });
  }

  function onTokenError(error: unknown): void {
    if (!(error instanceof ApiError) || error.isNetwork || error.status >= 500 || error.status === 429) {
      fail(error instanceof Error ? error.message : String(error));
    } else if (error.status === 401 || error.code === ClientErrorCode.sessionExpired) {
      end('signed-out', error.message);
    } else if (error.status === 403) {
      end('forbidden', error.message);
    } else if (error.status === 404) {
      end('not-found', error.message);
    } else {
      fail(error.message);
    }
  }

  async function attempt(): Promise<void> {
    if (terminal.has(state.status)) return;
    const id = ++attemptId;
    cancelTimer();
    update({ status: failedSinceSync ? 'offline' : 'connecting', retryAt: null });
    let token: SyncTokenDto;
    try {
      token = await fetchToken();
    } catch (error) {
      if (id === attemptId) onTokenError(error);
      return;
    }
    if (id !== attemptId) return;
    transport.params = { ...transport.params, token: token.token };
    update({ role: token.role });
    transport.connect();
  }

  function onClose(code: number | null, reason = ''): void {
    // y-websocket would retry with the same, possibly expired, token: we decide instead.
    transport.shouldConnect = false;
    if (closingOnPurpose || terminal.has(state.status)) return;
    const wasConnected = state.status === 'connected';
    if (code === CloseCode.forbidden) return end('forbidden', 'You no longer have access to this document.');
    if (code === CloseCode.notFound) return end('not-found', 'This document was deleted.');
    if (code === CloseCode.tooLarge) return end('too-large', tooLargeMessage(reason));
    if (code === CloseCode.malformed) return end('refused', REFUSED_MESSAGE);
    if (code === CloseCode.rateLimited) {
      failedSinceSync = true;
      return schedule(Math.max(RATE_LIMITED_MIN_DELAY_MS, backoff.next()), 'offline', RATE_LIMITED_MESSAGE);
    }
    if (!wasConnected) return fail(code === null ? 'connection lost' : `closed with code ${code}`);
    // A live connection ended (restart, token expiry, network): come back soon, but spread out.
    const delay = code === CloseCode.unauthorized ? Math.floor(random() * 250) : backoff.next();
    schedule(delay, 'connecting', code === null ? 'connection lost' : `closed with code ${code}`);
  }

  return {
    getState: (): ConnectionState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(): void {
      void attempt();
    },
    onSynced(synced: boolean): void {
      if (!synced || terminal.has(state.status)) return;
      failedSinceSync = false;
      backoff.reset();
      update({ status: 'connected', detail: null, retryAt: null });
    },
    onClose,
    /** The browser says the network is gone: stop pretending, keep retrying slowly. */
    onBrowserOffline(): void {
      if (terminal.has(state.status)) return;
      attemptId += 1;
      closingOnPurpose = true;
      transport.disconnect();
      closingOnPurpose = false;
      fail('the browser is offline');
    },
    /** "Try again" after a refusal (4413, 4400): the user changed something, or wants to see. */
    retry(): void {
      if (!retryable.has(state.status)) return;
      failedSinceSync = false;
      update({ status: 'connecting', detail: null, retryAt: null });
      void attempt();
    },
    /** The network is back: try soon, without waiting for the backoff. */
    onBrowserOnline(): void {
      if (terminal.has(state.status) || state.status === 'connected') return;
      schedule(Math.floor(random() * 500), state.status, state.detail);
    },
    stop(): void {
      end('stopped', null);
      listeners.clear();
    },
  };
}

export type ConnectionController = ReturnType<typeof createConnectionController>;
