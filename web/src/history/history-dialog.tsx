import { useEffect, useState } from 'react';
import type { Language, VersionDto } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { Modal } from '../ui/modal';
import { compareLabel, CompareSelect } from './compare-select';
import { useCompareText, type CompareWith } from './use-compare-text';
import { VersionDiff } from './version-diff';
import { VersionList } from './version-list';
import { VersionName } from './version-name';
import { VersionPreview } from './version-preview';

interface HistoryDialogProps {
  documentId: string;
  language: Language;
  /** Editors and owners restore and name versions; viewers only look. */
  canEdit: boolean;
  onClose: () => void;
}

/** Saved snapshots, newest first: see what changed since one (a diff against the current text or another version), name it, restore it for everyone. */
export function HistoryDialog({ documentId, language, canEdit, onClose }: HistoryDialogProps) {
  const [versions, setVersions] = useState<VersionDto[] | null>(null);
  const [selected, setSelected] = useState<{ version: VersionDto; text: string | null } | null>(null);
  const [namedOnly, setNamedOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [compare, setCompare] = useState<CompareWith>({ kind: 'current' });
  const against = useCompareText(documentId, selected ? compare : { kind: 'none' });

  useEffect(() => {
    api.listVersions(documentId).then(setVersions, (cause: unknown) => setError(errorMessage(cause)));
  }, [documentId]);

  async function view(version: VersionDto): Promise<void> {
    setSelected({ version, text: null });
    setError(null);
    try {
      const text = await api.getVersion(documentId, version.id);
      setSelected((current) => (current?.version.id === version.id ? { version: current.version, text } : current));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  async function name(version: VersionDto, newName: string | null): Promise<boolean> {
    setError(null);
    try {
      const named = await api.nameVersion(documentId, version.id, newName);
      setVersions((list) => list?.map((v) => (v.id === named.id ? named : v)) ?? null);
      setSelected((current) => (current?.version.id === named.id ? { ...current, version: named } : current));
      return true;
    } catch (cause) {
      setError(errorMessage(cause));
      return false;
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
        <div className="history-side">
          <label className="history-filter">
            <input type="checkbox" checked={namedOnly} onChange={(event) => setNamedOnly(event.target.checked)} />
            Named only
          </label>
          <VersionList versions={versions} namedOnly={namedOnly} selectedId={selected?.version.id} onSelect={(v) => void view(v)} />
        </div>
        <section className="version-view" aria-label="Selected version">
          {!selected && <p className="muted">Choose a version to see what changed since.</p>}
          {selected && (
            <VersionName key={selected.version.id} version={selected.version} canEdit={canEdit} onSave={(n) => name(selected.version, n)} />
          )}
          {selected && selected.text === null && <p className="muted">Loading…</p>}
          {selected && selected.text !== null && (
            <>
              <CompareSelect versions={versions ?? []} selectedId={selected.version.id} value={compare} onChange={setCompare} />
              {against.status === 'ready' && (
                <VersionDiff original={selected.text} modified={against.text} language={language} modifiedLabel={compareLabel(compare)} />
              )}
              {against.status === 'none' && <VersionPreview text={selected.text} language={language} />}
              {against.status === 'loading' && <p className="muted">Loading…</p>}
              {against.status === 'failed' && <p className="form-error" role="alert">{against.message}</p>}
              {canEdit && (
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
