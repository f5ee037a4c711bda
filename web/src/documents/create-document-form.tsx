import { useState, type FormEvent } from 'react';
import type { DocumentDto, Language } from '@codesync/protocol';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { LanguageSelect } from '../ui/language-select';

/** Title + language → a new document, opened at once by the caller. */
export function CreateDocumentForm({ onCreated }: { onCreated: (document: DocumentDto) => void }) {
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Language>('typescript');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createDocument({ title, language }));
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  return (
    <form className="create-form" onSubmit={(event) => void submit(event)} aria-label="New document">
      <input
        aria-label="Title"
        placeholder="New document title, e.g. main.ts"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        maxLength={200}
        required
      />
      <LanguageSelect value={language} onChange={setLanguage} />
      <button type="submit" className="primary" disabled={busy}>
        Create
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
