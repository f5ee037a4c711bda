import { useCallback, useEffect, useState } from 'react';
import type { monaco } from '../monaco/monaco-setup';
import { applyView, monacoView } from './follow-view';
import type { PresentPerson, ProjectSession } from './project-session';

type Editor = monaco.editor.IStandaloneCodeEditor;

export interface FollowTarget {
  clientId: number;
  /** `follow` goes where they go until stopped; `jump` goes there once. */
  mode: 'follow' | 'jump';
}

export interface Follow {
  target: FollowTarget | null;
  /** Starts following this person, or stops if already following them. */
  toggle(clientId: number): void;
  jump(clientId: number): void;
  stop(): void;
}

interface FollowOptions {
  session: ProjectSession | null;
  people: PresentPerson[];
  editor: Editor | null;
  activePath: string | null;
  /** Opens a file of the project by path (in a tab). */
  openPath: (path: string) => void;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

/**
 * Following a collaborator: your view goes where they go — their file, their
 * viewport, their cursor — until you type, scroll, press Escape or stop.
 */
export function useFollow({ session, people, editor, activePath, openPath }: FollowOptions): Follow {
  const [target, setTarget] = useState<FollowTarget | null>(null);
  const stop = useCallback(() => setTarget(null), []);
  const toggle = useCallback((clientId: number) => {
    setTarget((current) => (current?.clientId === clientId && current.mode === 'follow' ? null : { clientId, mode: 'follow' }));
  }, []);
  const jump = useCallback((clientId: number) => setTarget({ clientId, mode: 'jump' }), []);
  const person = target ? people.find((p) => p.clientId === target.clientId) : undefined;

  // They see who follows them.
  const followed = target?.mode === 'follow' ? target.clientId : null;
  useEffect(() => session?.setFollowing(followed), [session, followed]);

  // Someone who left cannot be followed.
  useEffect(() => {
    if (target && !person) setTarget(null);
  }, [target, person]);

  // Their file.
  const theirFile = person?.file ?? null;
  useEffect(() => {
    if (target && theirFile && theirFile !== activePath) openPath(theirFile);
  }, [target, theirFile, activePath, openPath]);

  // Their viewport and cursor, once the file is open here (and again as its text arrives).
  const viewport = person?.viewport ?? null;
  const line = person?.line ?? null;
  const start = viewport?.start;
  const end = viewport?.end;
  useEffect(() => {
    if (!target || !editor || !theirFile || theirFile !== activePath) return;
    const view = monacoView(editor);
    const place = { viewport: start === undefined || end === undefined ? null : { start, end }, line };
    const done = () => target.mode === 'jump' && setTarget(null);
    if (applyView(view, place)) return void done();
    const waiting = editor.onDidChangeModelContent(() => {
      if (!applyView(view, place)) return;
      waiting.dispose();
      done();
    });
    return () => waiting.dispose();
  }, [target, editor, theirFile, activePath, start, end, line]);

  // Typing, scrolling or Escape ends following.
  useEffect(() => {
    if (target?.mode !== 'follow') return;
    const onWindowKey = (event: KeyboardEvent) => event.key === 'Escape' && stop();
    window.addEventListener('keydown', onWindowKey);
    const typing = editor?.onKeyDown((event) => !MODIFIER_KEYS.has(event.browserEvent.key) && stop());
    // A wheel or touchpad scroll is the reader taking over (our own scrolling is not a wheel event).
    const node = editor?.getDomNode();
    node?.addEventListener('wheel', stop, { passive: true });
    return () => {
      window.removeEventListener('keydown', onWindowKey);
      typing?.dispose();
      node?.removeEventListener('wheel', stop);
    };
  }, [target?.mode, editor, stop]);

  return { target, toggle, jump, stop };
}
