import { useEffect, useRef, useState } from 'react';
import { canWrite, type DocumentDto, type Language } from '@codesync/protocol';
import { AppHeader } from '../app/app-header';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { HistoryDialog } from '../history/history-dialog';
import { ShareDialog } from '../share/share-dialog';
import { LanguageSelect } from '../ui/language-select';
import { RoleBadge } from '../ui/role-badge';
import { BlameToggle } from './blame-toggle';
import type { CollabSession, CollabUser } from './collab-session';
import { ConnectionBadge } from './connection-badge';
import { downloadText, fileNameFor } from './download';
import { EditorNotice } from './editor-notice';
import { MonacoPane } from './monaco-pane';
import { PresenceList } from './presence-list';
import { SessionNotice } from './session-notice';
import { useCollabSession, useConnectionState, useUnsynced } from './use-collab-session';
import { useDocumentMeta } from './use-document-meta';
import { useMetaSignal } from './use-meta-signal';

interface EditorPageProps {
  documentId: string;
  user: CollabUser;
}

type Dialog = 'share' | 'history' | null;

/** `/d/:documentId`: the collaborative editor. */
export function EditorPage({ documentId, user }: EditorPageProps) {
  const meta = useDocumentMeta(documentId);
  const { refresh: refreshMeta } = meta;
  const session = useCollabSession(documentId, user);
  const connection = useConnectionState(session);
  const unsynced = useUnsynced(session);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [blame, setBlame] = useState(false);
  const announceMeta = useMetaSignal(session, refreshMeta);
  const document_ = meta.document;

  useEffect(() => {
    if (document_) document.title = `${document_.title} · CodeSync`;
  }, [document_]);

  // A reconnect may follow a rename or role change made while we were away.
  const wasConnected = useRef(false);
  useEffect(() => {
    const connected = connection.status === 'connected';
    if (connected && !wasConnected.current) void refreshMeta();
    wasConnected.current = connected;
  }, [connection.status, refreshMeta]);

  if (!document_) {
    return (
      <div className="page">
        <AppHeader />
        <EditorNotice status={connection.status} loadError={meta.error} />
      </div>
    );
  }

  const role = connection.role ?? document_.role;
  const writable = canWrite(role) && connection.status !== 'forbidden' && connection.status !== 'not-found';

  async function changeLanguage(current: DocumentDto, language: Language): Promise<void> {
    setActionError(null);
    try {
      meta.setDocument(await api.updateDocument(current.id, { language }));
      announceMeta();
    } catch (cause) {
      setActionError(errorMessage(cause));
    }
  }

  return (
    <div className="page editor-page">
      <AppHeader>
        <div className="editor-title">
          <h1 title={document_.title}>{document_.title}</h1>
          <RoleBadge role={role} />
        </div>
      </AppHeader>
      {/* In a landmark of its own, so a screen-reader user can jump to it (axe: region). */}
      <section className="editor-controls" aria-label="Document controls">
      <div className="toolbar" role="toolbar" aria-label="Document">
        <LanguageSelect
          value={document_.language}
          onChange={(language) => void changeLanguage(document_, language)}
          disabled={!writable}
        />
        {session && <PresenceList awareness={session.awareness} />}
        <ConnectionBadge state={connection} unsynced={unsynced} />
        <div className="toolbar-actions">
          <BlameToggle pressed={blame} onToggle={() => setBlame((on) => !on)} />
          {role === 'owner' && (
            <button type="button" onClick={() => setDialog('share')}>
              Share
            </button>
          )}
          <button type="button" onClick={() => setDialog('history')}>
            History
          </button>
          {session && <DownloadButton session={session} document={document_} />}
        </div>
      </div>
      {actionError && (
        <p className="form-error banner" role="alert">
          {actionError}
        </p>
      )}
      <SessionNotice session={session} connection={connection} readOnly={!canWrite(role)} />
      </section>
      <main className="editor-main" data-blame={blame ? 'on' : 'off'}>
        {session && (
          <MonacoPane
            session={session}
            language={document_.language}
            readOnly={!writable}
            label={`Code editor: ${document_.title}`}
            blameDocumentId={blame ? documentId : null}
          />
        )}
      </main>
      {dialog === 'share' && <ShareDialog document={document_} onClose={() => setDialog(null)} />}
      {dialog === 'history' && (
        <HistoryDialog documentId={documentId} language={document_.language} canEdit={writable} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

function DownloadButton({ session, document }: { session: CollabSession; document: DocumentDto }) {
  return (
    <button type="button" onClick={() => downloadText(fileNameFor(document.title, document.language), session.text.toString())}>
      Download
    </button>
  );
}
