import { useState, type ComponentProps } from 'react';
import { canWrite, type Language, type Role } from '@codesync/protocol';
import { BlameToggle } from '../editor/blame-toggle';
import type { CollabUser } from '../editor/collab-session';
import { ConnectionBadge } from '../editor/connection-badge';
import type { ConnectionState } from '../editor/connection-controller';
import type { RevealTarget } from '../editor/reveal-position';
import { SessionNotice } from '../editor/session-notice';
import { MonacoPane } from '../editor/monaco-pane';
import type { ModelSource } from './use-project-models';
import { useCollabSession, useConnectionState, useUnsynced } from '../editor/use-collab-session';
import { HistoryDialog } from '../history/history-dialog';

interface FileEditorProps {
  documentId: string;
  path: string;
  language: Language;
  role: Role;
  user: CollabUser;
  /** The project socket's state, folded into the one badge. */
  projectConnection: ConnectionState;
  /** A place to show once the text holds it (a search match, a definition). */
  reveal?: RevealTarget | null;
  /** The file's model, shared with the project's TypeScript worker. */
  modelSource?: ModelSource;
  /** The editor, for following (see use-follow.ts). */
  onEditor?: ComponentProps<typeof MonacoPane>['onEditor'];
}

/** The open tab's file: the same live session and editor as `/d/:id`, one project-level badge. */
export function FileEditor({ documentId, path, language, role, user, projectConnection, reveal, modelSource, onEditor }: FileEditorProps) {
  const session = useCollabSession(documentId, user);
  const connection = useConnectionState(session);
  const unsynced = useUnsynced(session);
  const shown = projectConnection.status === 'connected' ? connection : projectConnection;
  const writable = canWrite(connection.role ?? role) && connection.status !== 'forbidden' && connection.status !== 'not-found';
  const [blame, setBlame] = useState(false);
  const [history, setHistory] = useState(false);
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="File">
        <ConnectionBadge state={shown} unsynced={unsynced} />
        <BlameToggle pressed={blame} onToggle={() => setBlame((on) => !on)} />
        <button type="button" onClick={() => setHistory(true)}>
          History
        </button>
      </div>
      {history && <HistoryDialog documentId={documentId} language={language} canEdit={writable} onClose={() => setHistory(false)} />}
      <SessionNotice session={session} connection={connection} readOnly={!canWrite(role)} />
      {/* Inside the project page's <main>: one main landmark per page. */}
      <div className="editor-main" data-blame={blame ? 'on' : 'off'}>
        {session && (
          <MonacoPane
            session={session}
            language={language}
            readOnly={!writable}
            label={`Code editor: ${path}`}
            blameDocumentId={blame ? documentId : null}
            reveal={reveal}
            modelSource={modelSource}
            onEditor={onEditor}
          />
        )}
      </div>
    </>
  );
}
