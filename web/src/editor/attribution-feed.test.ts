import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { absoluteTime, describeAuthors, readAttribution } from './attribution';
import { createAttributionFeed } from './attribution-feed';

const body = (name: string) => ({ lines: [{ line: 1, authors: [{ userId: 'u1', name }] }] });

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('readAttribution', () => {
  it('reads the DESIGN shape and keeps times the server adds', () => {
    const lines = readAttribution({
      lines: [
        { line: 1, authors: [{ userId: 'a', name: 'Ada', at: '2026-11-30T10:00:00.000Z' }] },
        { line: 2, authors: [{ userId: 'a', name: 'Ada' }, { userId: 'b', name: 'Bob' }], spans: [] },
      ],
    });
    expect(lines).toEqual([
      { line: 1, authors: [{ userId: 'a', name: 'Ada', at: '2026-11-30T10:00:00.000Z' }] },
      { line: 2, authors: [{ userId: 'a', name: 'Ada', at: null }, { userId: 'b', name: 'Bob', at: null }] },
    ]);
  });

  it('leaves out what does not have the shape instead of failing', () => {
    expect(readAttribution(null)).toEqual([]);
    expect(readAttribution({ lines: 'x' })).toEqual([]);
    const lines = readAttribution({
      lines: [{ line: 0, authors: [] }, { line: 2.5 }, { line: 3, authors: [{ userId: 5, name: 'x' }, { userId: 'c', name: '\u202eCy' }] }],
    });
    expect(lines).toEqual([{ line: 3, authors: [{ userId: 'c', name: 'Cy', at: null }] }]);
  });

  it('says name and time on hover, relative and absolute; an unknown time is left out', () => {
    const now = Date.parse('2026-11-30T10:05:00.000Z');
    const at = '2026-11-30T10:00:00.000Z';
    expect(describeAuthors([{ userId: 'a', name: 'Ada', at }, { userId: 'b', name: 'Bob', at: null }], now)).toBe(
      `Ada · 5 minutes ago (${absoluteTime(at)})\nBob`,
    );
    expect(absoluteTime(at)).toMatch(/2026/);
    expect(describeAuthors([{ userId: 'a', name: 'Ada', at }], Date.parse(at) + 20_000)).toMatch(/^Ada · 20 seconds ago \(/);
    expect(describeAuthors([{ userId: 'a', name: 'Ada', at }], Date.parse('2026-11-30T12:00:00.000Z'))).toMatch(/^Ada · 2 hours ago \(/);
  });
});

describe('attribution feed', () => {
  it('fetches at once, then again once the document stops changing', async () => {
    const fetch = vi.fn(async () => body('Ada'));
    const onLines = vi.fn();
    const feed = createAttributionFeed({ fetch, onLines, onError: vi.fn(), debounceMs: 500, maxWaitMs: 3_000 });
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(onLines).toHaveBeenCalledWith([{ line: 1, authors: [{ userId: 'u1', name: 'Ada', at: null }] }]);

    for (let i = 0; i < 3; i += 1) {
      feed.changed(Date.now());
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(fetch).toHaveBeenCalledTimes(2);
    feed.stop();
  });

  it('refetches at least every maxWait while people keep typing', async () => {
    const fetch = vi.fn(async () => body('Ada'));
    const feed = createAttributionFeed({ fetch, onLines: vi.fn(), onError: vi.fn(), debounceMs: 500, maxWaitMs: 2_000 });
    for (let i = 0; i < 10; i += 1) {
      feed.changed(Date.now());
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(fetch).toHaveBeenCalledTimes(1);
    feed.stop();
  });

  it('runs one request at a time and one more for changes made meanwhile', async () => {
    let release: () => void = () => undefined;
    const fetch = vi.fn(() => new Promise<unknown>((resolve) => (release = () => resolve(body('Bob')))));
    const feed = createAttributionFeed({ fetch, onLines: vi.fn(), onError: vi.fn(), debounceMs: 10 });
    feed.start();
    feed.changed(Date.now());
    await vi.advanceTimersByTimeAsync(20);
    expect(fetch).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(2);
    feed.stop();
  });

  it('reports a failed fetch and stays quiet after stop', async () => {
    const onError = vi.fn();
    const feed = createAttributionFeed({ fetch: () => Promise.reject(new Error('404')), onLines: vi.fn(), onError });
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledTimes(1);
    feed.stop();
    feed.changed();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
