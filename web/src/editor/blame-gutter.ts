import type { monaco as Monaco } from '../monaco/monaco-setup';
import { describeAuthors, type BlameAuthor, type BlameLine } from './attribution';

type MonacoApi = typeof Monaco;
type Editor = Monaco.editor.IStandaloneCodeEditor;

export interface BlameGutterOptions {
  /** The author's colour: their presence colour while they are here, else their stable one. */
  colorFor(userId: string): string;
}

/** How often hover times are redrawn while nothing else redraws the gutter. */
const TIME_REFRESH_MS = 30_000;

/**
 * A column left of the editor with each line's author(s): a bar in their colours and
 * their names (real DOM text), name and time on hover. Each attributed line carries a
 * Monaco decoration, so between two fetches the names travel with the lines as people
 * insert or delete lines above them; only the visible lines are drawn.
 */
export function attachBlameGutter(monaco: MonacoApi, editor: Editor, gutter: HTMLElement, options: BlameGutterOptions) {
  const collection = editor.createDecorationsCollection();
  let authorsById = new Map<string, BlameAuthor[]>();
  let frame: number | null = null;

  function authorsAt(model: Monaco.editor.ITextModel, line: number): BlameAuthor[] {
    const range = new monaco.Range(line, 1, line, model.getLineMaxColumn(line));
    const found = new Map<string, BlameAuthor>();
    for (const decoration of model.getDecorationsInRange(range)) {
      if (decoration.range.startLineNumber !== line) continue;
      for (const author of authorsById.get(decoration.id) ?? []) found.set(author.userId, author);
    }
    return [...found.values()];
  }

  function row(line: number, authors: BlameAuthor[], top: number, height: number): HTMLElement {
    const item = document.createElement('li');
    item.className = 'blame-line';
    item.dataset.line = String(line);
    item.style.top = `${top}px`;
    item.style.height = `${height}px`;
    item.title = describeAuthors(authors);
    item.setAttribute('aria-label', `Line ${line}: ${authors.map((author) => author.name).join(', ')}`);
    const bar = document.createElement('span');
    bar.className = 'blame-bar';
    const colors = authors.map((author) => options.colorFor(author.userId));
    bar.style.background = colors.length === 1 ? (colors[0] ?? '') : `linear-gradient(${colors.join(', ')})`;
    const names = document.createElement('span');
    names.className = 'blame-names';
    names.textContent = authors.map((author) => author.name).join(', ');
    item.append(bar, names);
    return item;
  }

  function render(): void {
    frame = null;
    const model = editor.getModel();
    if (!model) return;
    const height = editor.getOption(monaco.editor.EditorOption.lineHeight);
    const scrollTop = editor.getScrollTop();
    const rows: HTMLElement[] = [];
    for (const visible of editor.getVisibleRanges()) {
      for (let line = visible.startLineNumber; line <= visible.endLineNumber; line += 1) {
        const authors = authorsAt(model, line);
        if (authors.length > 0) rows.push(row(line, authors, editor.getTopForLineNumber(line) - scrollTop, height));
      }
    }
    gutter.replaceChildren(...rows);
  }

  function schedule(): void {
    frame ??= requestAnimationFrame(render);
  }

  // Hover texts say "3 minutes ago": redrawn now and then so they stay true while nobody types.
  const ticker = setInterval(schedule, TIME_REFRESH_MS);
  const subscriptions = [
    editor.onDidScrollChange(schedule),
    editor.onDidLayoutChange(schedule),
    editor.onDidChangeModelContent(schedule),
  ];

  return {
    setLines(lines: readonly BlameLine[]): void {
      const lineCount = editor.getModel()?.getLineCount() ?? 0;
      const shown = lines.filter((entry) => entry.line <= lineCount);
      const ids = collection.set(
        shown.map((entry) => ({
          range: new monaco.Range(entry.line, 1, entry.line, 1),
          options: { description: 'codesync-blame', stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
        })),
      );
      authorsById = new Map(ids.map((id, index) => [id, shown[index]?.authors ?? []]));
      schedule();
    },
    dispose(): void {
      if (frame !== null) cancelAnimationFrame(frame);
      clearInterval(ticker);
      subscriptions.forEach((subscription) => subscription.dispose());
      collection.clear();
      gutter.replaceChildren();
    },
  };
}

export type BlameGutter = ReturnType<typeof attachBlameGutter>;
