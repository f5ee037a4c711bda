import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { monaco as Monaco } from '../monaco/monaco-setup';
import type { PresenceUser } from './collab-session';

type MonacoApi = typeof Monaco;
type Editor = Monaco.editor.IStandaloneCodeEditor;

interface RemoteState {
  user?: PresenceUser;
  selection?: { anchor: unknown; head: unknown } | null;
}

interface Label {
  widget: Monaco.editor.IContentWidget;
  node: HTMLElement;
  position: Monaco.IPosition | null;
}

/** Only a #rrggbb colour reaches the stylesheet; anything else a peer sends is ignored. */
function safeColor(color: string | undefined): string {
  return color && /^#[0-9a-f]{6}$/i.test(color) ? color : '#888888';
}

function headIndex(state: RemoteState, doc: Y.Doc, text: Y.Text): number | null {
  if (!state.selection?.head) return null;
  const rel = Y.createRelativePositionFromJSON(state.selection.head);
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  return abs && abs.type === text ? abs.index : null;
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
    awareness.getStates().forEach((raw, clientId) => {
      const state = raw as RemoteState;
      if (clientId === doc.clientID || !state.user) return;
      const color = safeColor(state.user.color);
      css.push(
        `.yRemoteSelection-${clientId}{background-color:${color}33}`,
        `.yRemoteSelectionHead-${clientId}{border-left:2px solid ${color};margin-left:-1px}`,
      );
      const index = headIndex(state, doc, text);
      if (index === null) return;
      seen.add(clientId);
      const entry = label(clientId);
      entry.node.textContent = state.user.name;
      entry.node.style.backgroundColor = color;
      entry.node.title = `${state.user.name}'s cursor`;
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
