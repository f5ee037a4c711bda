import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_VERSION_NAME_LENGTH, type VersionDto } from '@codesync/protocol';

interface VersionNameProps {
  version: VersionDto;
  canEdit: boolean;
  /** Whether the server took the name (the caller shows why not). */
  onSave: (name: string | null) => Promise<boolean>;
}

/** A version's name, and for editors an inline form to give, change or clear it. */
export function VersionName({ version, canEdit, onSave }: VersionNameProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  function start(): void {
    setDraft(version.name ?? '');
    setEditing(true);
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const saved = await onSave(draft.trim() === '' ? null : draft.trim());
    setBusy(false);
    if (saved) setEditing(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Escape') return;
    // Escape leaves the form, not the whole history dialog.
    event.preventDefault();
    event.stopPropagation();
    setEditing(false);
  }

  if (editing) {
    return (
      <form className="version-name-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={inputId}>Version name</label>
        <input
          id={inputId}
          value={draft}
          maxLength={MAX_VERSION_NAME_LENGTH}
          autoFocus
          placeholder="e.g. Before the refactor"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={busy}>
          Save name
        </button>
        <button type="button" disabled={busy} onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="version-name">
      {version.name ? <strong>{version.name}</strong> : <span className="muted">Unnamed version</span>}
      {canEdit && (
        <button type="button" onClick={start}>
          {version.name ? 'Rename version' : 'Name this version'}
        </button>
      )}
    </div>
  );
}
