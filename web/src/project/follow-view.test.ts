import { describe, expect, it } from 'vitest';
import { applyView, type FollowView } from './follow-view';

/** A window of `height` lines over a text of `lines` lines. */
function fakeView(lines: number, height: number) {
  let top = 0;
  const view: FollowView & { top(): number } = {
    lineCount: () => lines,
    visible: () => ({ start: top, end: Math.min(lines, top + height) - 1 }),
    scrollToTop: (line) => void (top = line),
    reveal: (line) => void (top = Math.max(0, line - 1 - Math.floor(height / 2))),
    top: () => top,
  };
  return view;
}

describe('applyView', () => {
  it('puts their first visible line at our top', () => {
    const view = fakeView(400, 40);
    expect(applyView(view, { viewport: { start: 180, end: 220 }, line: 200 })).toBe(true);
    expect(view.top()).toBe(180);
  });

  it('keeps their cursor in view when our window is smaller than theirs', () => {
    const view = fakeView(400, 10);
    applyView(view, { viewport: { start: 180, end: 220 }, line: 215 });
    expect(view.visible()!.start).toBeLessThanOrEqual(214);
    expect(view.visible()!.end).toBeGreaterThanOrEqual(214);
  });

  it('waits while the text is shorter than the place (still loading)', () => {
    const view = fakeView(5, 40);
    expect(applyView(view, { viewport: { start: 180, end: 220 }, line: 200 })).toBe(false);
    expect(view.top()).toBe(0);
  });

  it('with only a cursor line, reveals it', () => {
    const view = fakeView(400, 20);
    applyView(view, { viewport: null, line: 300 });
    expect(view.visible()!.start).toBeLessThanOrEqual(299);
    expect(view.visible()!.end).toBeGreaterThanOrEqual(299);
  });
});
