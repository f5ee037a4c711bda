import type { monaco as Monaco } from '../monaco/monaco-setup';

/** A place to show in a file: a find-in-files match or a definition (1-based, UTF-16 columns). */
export interface RevealTarget {
  documentId: string;
  line: number;
  column: number;
  /** Characters to select from `column` (0: just place the cursor). */
  length: number;
}

/**
 * Selects the target and scrolls it to the middle of the editor as soon as the
 * text holds its line. A file opened for the first time starts empty and fills
 * when its document syncs, so this waits for the content rather than for a clock.
 */
export function revealWhenReady(editor: Monaco.editor.ICodeEditor, target: RevealTarget): Monaco.IDisposable {
  const model = editor.getModel();
  if (!model) return { dispose: () => undefined };
  const apply = (): boolean => {
    if (model.getLineCount() < target.line) return false;
    const startColumn = Math.min(target.column, model.getLineMaxColumn(target.line));
    const endColumn = Math.min(startColumn + target.length, model.getLineMaxColumn(target.line));
    const range = { startLineNumber: target.line, startColumn, endLineNumber: target.line, endColumn };
    editor.setSelection(range);
    editor.revealRangeInCenter(range);
    editor.focus();
    return true;
  };
  if (apply()) return { dispose: () => undefined };
  let disposed = false;
  const listener = model.onDidChangeContent(() => {
    if (model.getLineCount() < target.line) return;
    listener.dispose();
    // After the change's own call stack: y-monaco puts back the cursor it saved before
    // applying a remote edit, which would otherwise undo this selection.
    queueMicrotask(() => {
      if (!disposed) apply();
    });
  });
  return {
    dispose: () => {
      disposed = true;
      listener.dispose();
    },
  };
}
