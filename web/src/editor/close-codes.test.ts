// Issue 12: the sync service refuses content over a limit (4413) and updates that would
// not integrate (4400). Reconnecting would send the same content again and be refused
// again, forever; the old controller did exactly that, silently, with backoff.
import { CloseCode, type SyncTokenDto } from '@codesync/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackoff } from './backoff';
import { createConnectionController, type SyncTransport } from './connection-controller';

function setup() {
  let n = 0;
  const transport: SyncTransport & { connects: number } = {
    params: {},
    shouldConnect: false,
    connects: 0,
    connect() {
      this.shouldConnect = true;
      this.connects += 1;
    },
    disconnect() {
      this.shouldConnect = false;
    },
  };
  const fetchToken = async (): Promise<SyncTokenDto> => ({ token: `t${++n}`, expiresAt: '', role: 'editor' });
  const controller = createConnectionController({
    transport,
    fetchToken,
    backoff: createBackoff({ baseMs: 500, random: () => 0.5 }),
    random: () => 0.5,
  });
  return { transport, controller };
}

async function connected() {
  const context = setup();
  context.controller.start();
  await vi.advanceTimersByTimeAsync(0);
  context.controller.onSynced(true);
  return context;
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('close codes of refused content', () => {
  it('stops reconnecting when the document is too large (4413) and says why', async () => {
    const { transport, controller } = await connected();
    controller.onClose(CloseCode.tooLarge, 'document text over its limit');
    await vi.advanceTimersByTimeAsync(120_000);

    expect(transport.connects).toBe(1);
    expect(controller.getState()).toMatchObject({ status: 'too-large' });
    expect(controller.getState().detail).toBe(
      'This document is too large (a document can hold 2 MiB of text). Syncing has stopped; your changes are kept on this device. Remove some text, then try again.',
    );
  });

  it('names an update that was too large (4413 with an update reason)', async () => {
    const { controller } = await connected();
    controller.onClose(CloseCode.tooLarge, 'update too large');
    expect(controller.getState().detail).toMatch(/^Your last change was too large to send \(at most 3 MiB at once\)\./);
  });

  it('stops reconnecting when the server refused an update (4400) and says so', async () => {
    const { transport, controller } = await connected();
    controller.onClose(CloseCode.malformed, 'update refused');
    await vi.advanceTimersByTimeAsync(120_000);

    expect(transport.connects).toBe(1);
    expect(controller.getState()).toMatchObject({ status: 'refused' });
    expect(controller.getState().detail).toMatch(/^The server refused a change from this browser\./);
  });

  it('connects again when the user asks to try again after a refusal', async () => {
    const { transport, controller } = await connected();
    controller.onClose(CloseCode.tooLarge, '');
    controller.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.connects).toBe(2);
    controller.onSynced(true);
    expect(controller.getState()).toMatchObject({ status: 'connected', detail: null });
  });

  it('backs off for at least five seconds when rate limited (4429), then reconnects', async () => {
    const { transport, controller } = await connected();
    controller.onClose(CloseCode.rateLimited, 'too many sockets');
    expect(controller.getState()).toMatchObject({ status: 'offline', detail: expect.stringMatching(/^Too many connections/) });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(transport.connects).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(transport.connects).toBe(2);
  });
});
