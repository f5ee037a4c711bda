import type { monaco } from '../monaco/monaco-setup';

/** Where a person is looking in a file: 0-based visible lines, 1-based cursor line. */
export interface ViewTarget {
  viewport: { start: number; end: number } | null;
  line: number | null;
}

/** What following needs of an editor; Monaco's below, a fake in tests. */
export interface FollowView {
  lineCount(): number;
  /** First and last visible line, 0-based. */
  visible(): { start: number; end: number } | null;
  /** Scrolls so that this 0-based line is at the top. */
  scrollToTop(line: number): void;
  /** Scrolls the 1-based line into the middle when it is out of view. */
  reveal(line: number): void;
}

/**
 * Brings the view to the target: their first visible line at our top, then
 * their cursor into view if our window is smaller. False while the text is
 * not long enough yet (still loading): the caller tries again when it grows.
 */
export function applyView(view: FollowView, target: ViewTarget): boolean {
  const needed = Math.max(target.viewport ? target.viewport.start + 1 : 1, target.line ?? 1);
  if (view.lineCount() < needed) return false;
  if (target.viewport) view.scrollToTop(target.viewport.start);
  if (target.line !== null) {
    const shown = view.visible();
    const inView = shown && target.line - 1 >= shown.start && target.line - 1 <= shown.end;
    if (!inView) view.reveal(target.line);
  }
  return true;
}

type Editor = monaco.editor.IStandaloneCodeEditor;

/** The visible line range of a Monaco editor, 0-based, or null before layout. */
export function visibleLines(editor: Editor): { start: number; end: number } | null {
  const ranges = editor.getVisibleRanges();
  const first = ranges[0];
  const last = ranges.at(-1);
  if (!first || !last) return null;
  return { start: first.startLineNumber - 1, end: last.endLineNumber - 1 };
}

export function monacoView(editor: Editor): FollowView {
  return {
    lineCount: () => editor.getModel()?.getLineCount() ?? 0,
    visible: () => visibleLines(editor),
    scrollToTop: (line) => editor.setScrollTop(editor.getTopForLineNumber(line + 1)),
    reveal: (line) => editor.revealLineInCenterIfOutsideViewport(line),
  };
}
