import { useEffect, useState } from 'react';
import type { Language, VersionDto } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { Modal } from '../ui/modal';
import { VersionPreview } from './version-preview';

interface HistoryDialogProps {
  documentId: string;
  language: Language;
  canRestore: boolean;
  onClose: () => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Saved snapshots, newest first: view one read-only, restore it for everyone. */
export function HistoryDialog({ documentId, language, canRestore, onClose }: HistoryDialogProps) {
  const [versions, setVersions] = useState<VersionDto[] | null>(null);
  const [selected, setSelected] = useState<{ version: VersionDto; text: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.listVersions(documentId).then(setVersions, (cause: unknown) => setError(errorMessage(cause)));
  }, [documentId]);

  async function view(version: VersionDto): Promise<void> {
    setSelected({ version, text: null });
    setError(null);
    try {
      const text = await api.getVersion(documentId, version.id);
      setSelected((current) => (current?.version.id === version.id ? { version, text } : current));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  async function restore(version: VersionDto): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await api.restoreVersion(documentId, version.id);
      onClose();
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  return (
    <Modal title="Version history" onClose={onClose} wide>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="history">
        <ul className="version-list" aria-label="Saved versions">
          {versions === null && !error && <li className="muted">Loading…</li>}
          {versions?.length === 0 && <li className="muted">No saved versions yet. Versions are saved a few seconds after edits.</li>}
          {versions?.map((version) => (
            <li key={version.id}>
              <button
                type="button"
                className={selected?.version.id === version.id ? 'version selected' : 'version'}
                aria-pressed={selected?.version.id === version.id}
                aria-label={`Version saved ${dateFormat.format(new Date(version.createdAt))}, ${formatSize(version.sizeBytes)}`}
                onClick={() => void view(version)}
              >
                <time dateTime={version.createdAt}>{dateFormat.format(new Date(version.createdAt))}</time>
                <span className="muted">{formatSize(version.sizeBytes)}</span>
              </button>
            </li>
          ))}
        </ul>
        <section className="version-view" aria-label="Selected version">
          {!selected && <p className="muted">Choose a version to see its text.</p>}
          {selected && selected.text === null && <p className="muted">Loading…</p>}
          {selected && selected.text !== null && (
            <>
              <VersionPreview text={selected.text} language={language} />
              {canRestore && (
                <div className="modal-actions">
                  <button type="button" className="primary" disabled={busy} onClick={() => void restore(selected.version)}>
                    Restore this version
                  </button>
                </div>
              )}
            </>
          )}
        </section>
      </div>
    </Modal>
  );
}
