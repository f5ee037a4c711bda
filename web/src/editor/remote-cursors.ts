import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { monaco as Monaco } from '../monaco/monaco-setup';
import { indexInText, presences } from './remote-presence';

type MonacoApi = typeof Monaco;
type Editor = Monaco.editor.IStandaloneCodeEditor;

interface Label {
  widget: Monaco.editor.IContentWidget;
  node: HTMLElement;
  position: Monaco.IPosition | null;
}

/**
 * Colours y-monaco's remote selection decorations per client, and puts a name label
 * (a Monaco content widget: real DOM text, so it is readable and testable) at each
 * remote cursor.
 */
export function attachRemoteCursors(
  monaco: MonacoApi,
  editor: Editor,
  awareness: Awareness,
  text: Y.Text,
): { dispose(): void } {
  const doc = text.doc as Y.Doc;
  const style = document.createElement('style');
  document.head.append(style);
  const labels = new Map<number, Label>();

  function label(clientId: number): Label {
    const existing = labels.get(clientId);
    if (existing) return existing;
    const node = document.createElement('div');
    node.className = 'remote-cursor-label';
    node.dataset.clientId = String(clientId);
    const entry: Label = {
      node,
      position: null,
      widget: {
        getId: () => `codesync.remote-cursor.${clientId}`,
        getDomNode: () => node,
        getPosition: () =>
          entry.position && {
            position: entry.position,
            preference: [monaco.editor.ContentWidgetPositionPreference.ABOVE, monaco.editor.ContentWidgetPositionPreference.BELOW],
          },
      },
    };
    labels.set(clientId, entry);
    editor.addContentWidget(entry.widget);
    return entry;
  }

  function render(): void {
    const model = editor.getModel();
    if (!model) return;
    const seen = new Set<number>();
    const css: string[] = [];
    presences(awareness.getStates()).forEach(({ user, selection }, clientId) => {
      if (clientId === doc.clientID) return;
      // Safe to inline: clientId is a decoded integer and color is checked to be #rrggbb.
      const { color, name } = user;
      css.push(
        `.yRemoteSelection-${clientId}{background-color:${color}33}`,
        `.yRemoteSelectionHead-${clientId}{border-left:2px solid ${color};margin-left:-1px}`,
      );
      const index = selection && indexInText(selection.head, text);
      if (index === null) return;
      seen.add(clientId);
      const entry = label(clientId);
      entry.node.textContent = name;
      entry.node.style.backgroundColor = color;
      entry.node.title = `${name}'s cursor`;
      entry.position = model.getPositionAt(index);
      editor.layoutContentWidget(entry.widget);
    });
    style.textContent = css.join('\n');
    for (const [clientId, entry] of labels) {
      if (seen.has(clientId)) continue;
      editor.removeContentWidget(entry.widget);
      labels.delete(clientId);
    }
  }

  awareness.on('change', render);
  text.observe(render);
  render();

  return {
    dispose() {
      awareness.off('change', render);
      text.unobserve(render);
      labels.forEach((entry) => editor.removeContentWidget(entry.widget));
      labels.clear();
      style.remove();
    },
  };
}
