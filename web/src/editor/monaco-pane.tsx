import { useEffect, useRef, useState } from 'react';
import { defaultContentLimits, type Language } from '@codesync/protocol';
import { MonacoBinding } from 'y-monaco';
import * as Y from 'yjs';
import { useColorScheme } from '../app/use-color-scheme';
import { BlameColumn } from './blame-column';
import type { CollabSession } from './collab-session';
import { guardEdits } from './edit-guard';
import { EditRefusal } from './edit-refusal';
import './editor-overlays.css';
import { awarenessForBinding } from './monaco-awareness';
import { loadLanguage } from '../monaco/monaco-languages';
import { monaco } from '../monaco/monaco-setup';
import { attachRemoteCursors } from './remote-cursors';
import { revealWhenReady, type RevealTarget } from './reveal-position';

interface MonacoPaneProps {
  session: CollabSession;
  language: Language;
  readOnly: boolean;
  label: string;
  /** Shows the blame gutter of this document (its id: attribution comes from the API). */
  blameDocumentId?: string | null;
  /** Selects and scrolls to this place once the text holds it. */
  reveal?: RevealTarget | null;
  /** Where the model comes from when it is not the editor's own (a project's file, known to its other files). */
  modelSource?: { acquire(): monaco.editor.ITextModel | null; release(): void };
  /** Hands the editor to the page (following a collaborator moves it); null when it goes. */
  onEditor?: (editor: Editor | null) => void;
}

type Editor = monaco.editor.IStandaloneCodeEditor;

/**
 * Ctrl/Cmd+Z must undo only this user's typing, never a collaborator's: Monaco's own
 * stack would also hold remote edits, so undo goes through a Y.UndoManager instead.
 */
function bindUndo(editor: Editor, text: Y.Text, binding: MonacoBinding): Y.UndoManager {
  const undo = new Y.UndoManager(text, { trackedOrigins: new Set([binding]) });
  const { KeyMod, KeyCode } = monaco;
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, () => void undo.undo());
  editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => void undo.redo());
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, () => void undo.redo());
  return undo;
}

/**
 * The Monaco editor bound to the session's shared text, with remote cursors, edits over
 * the content limits kept out (with a message), and the blame gutter when asked.
 */
export function MonacoPane({ session, language, readOnly, label, blameDocumentId, reveal, modelSource, onEditor }: MonacoPaneProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    if (!container.current) return;
    const shared = modelSource?.acquire() ?? null;
    const model = shared ?? monaco.editor.createModel('', 'plaintext');
    const editor = monaco.editor.create(container.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
      tabSize: 2,
      fixedOverflowWidgets: true,
      // The effect below sets the real value right after this one runs.
      readOnly: true,
      ariaLabel: 'Code editor',
    });
    editorRef.current = editor;
    setEditor(editor);
    const guard = guardEdits(model, {
      limits: defaultContentLimits,
      onRefused: (verdict) => setRefusal(verdict.message),
      onAccepted: () => setRefusal(null),
    });
    const binding = new MonacoBinding(session.text, model, new Set([editor]), awarenessForBinding(session.awareness, session.text));
    const undo = bindUndo(editor, session.text, binding);
    const cursors = attachRemoteCursors(monaco, editor, session.awareness, session.text);
    void session.whenLocalLoaded.then(() => {
      if (editorRef.current !== editor) return;
      performance.mark('codesync:editable');
      container.current?.setAttribute('data-ready', 'true');
    });
    return () => {
      editorRef.current = null;
      setEditor(null);
      guard.dispose();
      cursors.dispose();
      undo.destroy();
      binding.destroy();
      editor.dispose();
      if (shared) modelSource?.release();
      else model.dispose();
    };
  }, [session, modelSource]);

  useEffect(() => {
    if (!editor || !onEditor) return;
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, ariaLabel: label });
  }, [readOnly, label]);

  useEffect(() => {
    let current = true;
    void loadLanguage(language).then((id) => {
      const model = editorRef.current?.getModel();
      if (current && model) monaco.editor.setModelLanguage(model, id);
    });
    return () => {
      current = false;
    };
  }, [language, session]);

  useEffect(() => {
    if (!editor || !reveal) return;
    const waiting = revealWhenReady(editor, reveal);
    return () => waiting.dispose();
  }, [editor, reveal]);

  useEffect(() => {
    monaco.editor.setTheme(scheme === 'dark' ? 'vs-dark' : 'vs');
  }, [scheme]);

  return (
    <>
      <div ref={container} className="monaco-host" data-read-only={readOnly} />
      {editor && blameDocumentId && <BlameColumn monacoApi={monaco} editor={editor} session={session} documentId={blameDocumentId} />}
      {refusal && <EditRefusal message={refusal} onDismiss={() => setRefusal(null)} />}
    </>
  );
}
