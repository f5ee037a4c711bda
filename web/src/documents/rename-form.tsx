import { useState, type FormEvent } from 'react';
import type { DocumentDto } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';

interface RenameFormProps {
  document: DocumentDto;
  onDone: (document: DocumentDto | null) => void;
}

/** Inline title editor: Enter saves, Escape cancels. */
export function RenameForm({ document, onDone }: RenameFormProps) {
  const [title, setTitle] = useState(document.title);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (title.trim() === document.title) return onDone(null);
    try {
      onDone(await api.updateDocument(document.id, { title }));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  return (
    <form className="rename-form" onSubmit={(event) => void submit(event)}>
      <input
        aria-label={`New title for ${document.title}`}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onDone(null)}
        maxLength={200}
        required
        autoFocus
      />
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
