import { useEffect, useRef, useState } from 'react';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { createAttributionFeed } from './attribution-feed';
import { attachBlameGutter } from './blame-gutter';
import type { CollabSession } from './collab-session';
import type { monaco } from '../monaco/monaco-setup';
import { presences } from './remote-presence';
import { colorForUser } from './user-color';

interface BlameColumnProps {
  monacoApi: typeof monaco;
  editor: monaco.editor.IStandaloneCodeEditor;
  session: CollabSession;
  documentId: string;
}

/** The blame gutter while Blame is on: fetched from the API, refetched as the document changes. */
export function BlameColumn({ monacoApi, editor, session, documentId }: BlameColumnProps) {
  const list = useRef<HTMLOListElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!list.current) return;
    const colorFor = (userId: string): string => {
      for (const { user } of presences(session.awareness.getStates()).values()) if (user.id === userId) return user.color;
      return colorForUser(userId);
    };
    const gutter = attachBlameGutter(monacoApi, editor, list.current, { colorFor });
    const feed = createAttributionFeed({
      fetch: () => api.getAttribution(documentId),
      onLines(lines) {
        setError(null);
        gutter.setLines(lines);
      },
      onError: (cause) => setError(`Blame is unavailable: ${errorMessage(cause)}`),
    });
    const onUpdate = (): void => feed.changed();
    session.doc.on('update', onUpdate);
    feed.start();
    return () => {
      session.doc.off('update', onUpdate);
      feed.stop();
      gutter.dispose();
    };
  }, [monacoApi, editor, session, documentId]);

  return (
    <>
      <ol ref={list} className="blame-gutter" aria-label="Authors by line" />
      {error && (
        <p className="blame-status" role="status">
          {error}
        </p>
      )}
    </>
  );
}
