import { describe, expect, it } from 'vitest';
import type { monaco as Monaco } from '../monaco/monaco-setup';
import { revealWhenReady } from './reveal-position';

/** An editor whose model grows when `fill` is called, recording what it was asked to show. */
function fakeEditor(initialLines: string[]) {
  let lines = initialLines;
  const listeners = new Set<() => void>();
  const calls: string[] = [];
  const model = {
    getLineCount: () => lines.length,
    getLineMaxColumn: (line: number) => (lines[line - 1]?.length ?? 0) + 1,
    onDidChangeContent: (listener: () => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  const editor = {
    getModel: () => model,
    setSelection: (r: Monaco.IRange) => calls.push(`select ${r.startLineNumber}:${r.startColumn}-${r.endColumn}`),
    revealRangeInCenter: (r: Monaco.IRange) => calls.push(`reveal ${r.startLineNumber}`),
    focus: () => calls.push('focus'),
  } as unknown as Monaco.editor.ICodeEditor;
  const fill = (next: string[]) => {
    lines = next;
    for (const listener of [...listeners]) listener();
  };
  return { editor, calls, fill, listening: () => listeners.size };
}

const target = { documentId: 'd', line: 3, column: 5, length: 6 };

describe('revealWhenReady', () => {
  it('selects the match and centres it at once when the text already has the line', () => {
    const { editor, calls } = fakeEditor(['a', 'b', 'let x = needle;']);
    revealWhenReady(editor, { ...target, column: 9 });
    expect(calls).toEqual(['select 3:9-15', 'reveal 3', 'focus']);
  });

  it('waits for a file that opens empty to fill from its document, then shows the match once', async () => {
    const { editor, calls, fill, listening } = fakeEditor(['']);
    revealWhenReady(editor, target);
    expect(calls).toEqual([]);
    fill(['one', 'two', 'four needle']);
    fill(['one', 'two', 'four needle', 'more']);
    // Not inside the change's call stack (y-monaco restores its saved cursor there), but right after it.
    expect(calls).toEqual([]);
    await Promise.resolve();
    expect(calls).toEqual(['select 3:5-11', 'reveal 3', 'focus']);
    expect(listening()).toBe(0);
  });

  it('keeps the selection inside a line that is shorter than it was when searched', () => {
    const { editor, calls } = fakeEditor(['a', 'b', 'abc']);
    revealWhenReady(editor, target);
    expect(calls[0]).toBe('select 3:4-4');
  });

  it('stops waiting when disposed (the tab closed first)', async () => {
    const { editor, calls, fill } = fakeEditor(['']);
    const waiting = revealWhenReady(editor, target);
    fill(['1', '2', '3']);
    waiting.dispose();
    await Promise.resolve();
    expect(calls).toEqual([]);
  });
});
