import { useEffect } from 'react';
import { throttleLatest } from '../editor/selection-throttle';
import type { monaco } from '../monaco/monaco-setup';
import { visibleLines } from './follow-view';
import type { ProjectSession } from './project-session';

/**
 * Fewest milliseconds between two view broadcasts. Paging through a file fires
 * dozens of scroll events a second; followers need the latest, ten times a second.
 */
export const VIEW_INTERVAL_MS = 100;

/** Tells the project who is looking where: the open editor's visible lines and cursor line. */
export function useLocalView(session: ProjectSession | null, editor: monaco.editor.IStandaloneCodeEditor | null): void {
  useEffect(() => {
    if (!session) return;
    if (!editor) {
      session.setView(null, null);
      return;
    }
    let live = true;
    const publish = throttleLatest(() => {
      if (live) session.setView(visibleLines(editor), editor.getPosition()?.lineNumber ?? null);
    }, VIEW_INTERVAL_MS);
    publish(undefined);
    const subscriptions = [
      editor.onDidScrollChange(() => publish(undefined)),
      editor.onDidChangeCursorPosition(() => publish(undefined)),
      editor.onDidLayoutChange(() => publish(undefined)),
    ];
    return () => {
      live = false;
      for (const s of subscriptions) s.dispose();
    };
  }, [session, editor]);
}
