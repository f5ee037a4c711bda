// Test double of the few Monaco editor and model members that y-monaco and
// remote-cursors.ts use, so presence rendering runs without a real Monaco in happy-dom.
import type * as Y from 'yjs';
import type { monaco as Monaco } from '../monaco/monaco-setup';

type Decoration = Monaco.editor.IModelDeltaDecoration;
const disposable = { dispose: () => undefined };

/** A one-line model over the text: offsets are columns, enough for cursor rendering. */
export function createFakeEditor(text: Y.Text) {
  let value = text.toString();
  const widgets = new Map<string, Monaco.editor.IContentWidget>();
  let decorations: Decoration[] = [];
  const model = {
    getValue: () => value,
    setValue: (next: string) => void (value = next),
    applyEdits: () => undefined,
    onDidChangeContent: () => disposable,
    onWillDispose: () => disposable,
    getPositionAt: (offset: number) => ({ lineNumber: 1, column: offset + 1 }),
    getOffsetAt: (position: Monaco.IPosition) => position.column - 1,
  };
  const editor = {
    getModel: () => model,
    getSelection: () => null,
    onDidChangeCursorSelection: () => disposable,
    deltaDecorations: (_old: string[], next: Decoration[]) => {
      decorations = next;
      return next.map((_, index) => String(index));
    },
    addContentWidget: (widget: Monaco.editor.IContentWidget) => void widgets.set(widget.getId(), widget),
    layoutContentWidget: () => undefined,
    removeContentWidget: (widget: Monaco.editor.IContentWidget) => void widgets.delete(widget.getId()),
    labels: (): HTMLElement[] => [...widgets.values()].map((widget) => widget.getDomNode()),
    decorations: (): Decoration[] => decorations,
  };
  return {
    editor: editor as unknown as Monaco.editor.IStandaloneCodeEditor & Pick<typeof editor, 'labels' | 'decorations'>,
    model: model as unknown as Monaco.editor.ITextModel,
  };
}

export const fakeMonaco = {
  editor: { ContentWidgetPositionPreference: { EXACT: 0, ABOVE: 1, BELOW: 2 } },
} as unknown as typeof Monaco;
