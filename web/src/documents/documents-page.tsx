import { useCallback, useEffect, useState } from 'react';
import type { DocumentDto } from '@codesync/protocol';
import { AppHeader } from '../app/app-header';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { documentPath, navigate } from '../router/router';
import { ProjectsSection } from '../projects/projects-section';
import { ShareDialog } from '../share/share-dialog';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CreateDocumentForm } from './create-document-form';
import { DocumentRow } from './document-row';

type Dialog = { kind: 'share' | 'delete'; document: DocumentDto } | null;

/** Every document the user owns or was invited to, with their role on each. */
export function DocumentsPage() {
  const [documents, setDocuments] = useState<DocumentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const load = useCallback(async () => {
    try {
      setDocuments(await api.listDocuments());
      setError(null);
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }, []);

  useEffect(() => {
    document.title = 'Documents · CodeSync';
    void load();
  }, [load]);

  const replace = (updated: DocumentDto): void =>
    setDocuments((list) => list?.map((d) => (d.id === updated.id ? updated : d)) ?? null);

  return (
    <div className="page">
      <AppHeader />
      <main className="documents-page">
        <ProjectsSection />
        <h1>Documents</h1>
        <CreateDocumentForm onCreated={(created) => navigate(documentPath(created.id))} />
        {error && (
          <p className="form-error" role="alert">
            {error} <button type="button" className="ghost" onClick={() => void load()}>Retry</button>
          </p>
        )}
        {documents === null && !error && <p className="muted">Loading…</p>}
        {documents?.length === 0 && <p className="empty">No documents yet. Create one above, or ask a teammate to share one.</p>}
        {documents && documents.length > 0 && (
          <ul className="document-list" aria-label="Your documents">
            {documents.map((d) => (
              <DocumentRow
                key={d.id}
                document={d}
                onChanged={replace}
                onShare={() => setDialog({ kind: 'share', document: d })}
                onDelete={() => setDialog({ kind: 'delete', document: d })}
              />
            ))}
          </ul>
        )}
      </main>
      {dialog?.kind === 'share' && <ShareDialog document={dialog.document} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete document?"
          message={`“${dialog.document.title}” and all its versions will be deleted for everyone. This cannot be undone.`}
          confirmLabel="Delete"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteDocument(dialog.document.id);
            setDocuments((list) => list?.filter((d) => d.id !== dialog.document.id) ?? null);
          }}
        />
      )}
    </div>
  );
}
