import { useCallback, useState, type FormEvent } from 'react';
import type { DocumentDto, Language } from '@codesync/protocol';
import { api } from '../app/services';
import { FormError } from '../ui/form-error';
import { LanguageSelect } from '../ui/language-select';
import { useSubmit } from '../ui/use-submit';

/** Title + language → a new document, opened at once by the caller. */
export function CreateDocumentForm({ onCreated }: { onCreated: (document: DocumentDto) => void }) {
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Language>('typescript');
  const { busy, error, run } = useSubmit(
    useCallback(async () => onCreated(await api.createDocument({ title, language })), [title, language, onCreated]),
  );

  function submit(event: FormEvent): void {
    event.preventDefault();
    void run();
  }

  return (
    <form className="create-form" onSubmit={submit} aria-label="New document">
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
      <FormError error={error} />
    </form>
  );
}
