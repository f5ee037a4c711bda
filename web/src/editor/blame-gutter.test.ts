import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BlameLine } from './attribution';
import { attachBlameGutter } from './blame-gutter';
import type { monaco as Monaco } from '../monaco/monaco-setup';

const LINE_HEIGHT = 19;

class Range {
  constructor(
    readonly startLineNumber: number,
    readonly startColumn: number,
    readonly endLineNumber: number,
    readonly endColumn: number,
  ) {}
}

const fakeMonaco = {
  Range,
  editor: { EditorOption: { lineHeight: 75 }, TrackedRangeStickiness: { NeverGrowsWhenTypingAtEdges: 1 } },
} as unknown as typeof Monaco;

/** An editor of `lineCount` lines, all visible, whose decorations stay where they were set. */
function fakeEditor(lineCount: number) {
  let decorations: { id: string; range: Range }[] = [];
  const model = {
    getLineCount: () => lineCount,
    getLineMaxColumn: () => 80,
    getDecorationsInRange: (range: Range) => decorations.filter((d) => d.range.startLineNumber === range.startLineNumber),
  };
  const editor = {
    getModel: () => model,
    getOption: () => LINE_HEIGHT,
    getScrollTop: () => 0,
    getVisibleRanges: () => [new Range(1, 1, lineCount, 1)],
    getTopForLineNumber: (line: number) => (line - 1) * LINE_HEIGHT,
    onDidScrollChange: () => ({ dispose: () => undefined }),
    onDidLayoutChange: () => ({ dispose: () => undefined }),
    onDidChangeModelContent: () => ({ dispose: () => undefined }),
    createDecorationsCollection: () => ({
      set(next: { range: Range }[]) {
        decorations = next.map((d, index) => ({ id: `d${index}`, range: d.range }));
        return decorations.map((d) => d.id);
      },
      clear: () => void (decorations = []),
    }),
  };
  return editor as unknown as Monaco.editor.IStandaloneCodeEditor;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('blame gutter', () => {
  it('draws each attributed line with its authors, their colours and a hover text', async () => {
    const gutter = document.createElement('ol');
    const colorFor = (userId: string) => ({ ada: '#e5484d', bob: '#0090ff' })[userId] ?? '#888888';
    const blame = attachBlameGutter(fakeMonaco, fakeEditor(3), gutter, { colorFor });
    const lines: BlameLine[] = [
      { line: 1, authors: [{ userId: 'ada', name: 'Ada', at: null }] },
      { line: 3, authors: [{ userId: 'ada', name: 'Ada', at: null }, { userId: 'bob', name: 'Bob', at: null }] },
      { line: 9, authors: [{ userId: 'bob', name: 'Bob', at: null }] },
    ];
    blame.setLines(lines);
    await nextFrame();

    const rows = [...gutter.querySelectorAll<HTMLElement>('.blame-line')];
    expect(rows.map((row) => [row.dataset.line, row.textContent, row.style.top])).toEqual([
      ['1', 'Ada', '0px'],
      ['3', 'Ada, Bob', `${2 * LINE_HEIGHT}px`],
    ]);
    expect(rows[1]?.title).toBe('Ada\nBob');
    expect(rows[1]?.getAttribute('aria-label')).toBe('Line 3: Ada, Bob');
    expect(rows[0]?.querySelector<HTMLElement>('.blame-bar')?.style.background).toMatch(/#e5484d|rgb\(229, 72, 77\)/);

    blame.dispose();
    expect(gutter.children).toHaveLength(0);
  });

  it('keeps hover times current while the gutter stays open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(Date.parse('2026-11-30T10:01:00.000Z'));
    const gutter = document.createElement('ol');
    const blame = attachBlameGutter(fakeMonaco, fakeEditor(1), gutter, { colorFor: () => '#30a46c' });
    blame.setLines([{ line: 1, authors: [{ userId: 'ada', name: 'Ada Lovelace', at: '2026-11-30T10:00:00.000Z' }] }]);
    await nextFrame();
    const title = () => gutter.querySelector<HTMLElement>('.blame-line')?.title;
    expect(title()).toMatch(/^Ada Lovelace · 1 minute ago \(.*2026.*\)$/);
    vi.advanceTimersByTime(2 * 60_000);
    await nextFrame();
    expect(title()).toMatch(/^Ada Lovelace · 3 minutes ago \(/);
    blame.dispose();
  });

  it('puts a name in the DOM as text, never as markup', async () => {
    const gutter = document.createElement('ol');
    const blame = attachBlameGutter(fakeMonaco, fakeEditor(1), gutter, { colorFor: () => '#30a46c' });
    blame.setLines([{ line: 1, authors: [{ userId: 'x', name: '<img src=x onerror=alert(1)>', at: null }] }]);
    await nextFrame();
    expect(gutter.querySelector('img')).toBeNull();
    expect(gutter.textContent).toBe('<img src=x onerror=alert(1)>');
    blame.dispose();
  });
});
