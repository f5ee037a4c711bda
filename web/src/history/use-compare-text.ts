import { useEffect, useState } from 'react';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';

/** What a chosen version is compared with: the document's current text, another version, or nothing. */
export type CompareWith = { kind: 'current' } | { kind: 'version'; versionId: string } | { kind: 'none' };

export type CompareText = { status: 'none' } | { status: 'loading' } | { status: 'ready'; text: string } | { status: 'failed'; message: string };

/** Fetches the right-hand side of the diff; the current text is fetched each time it is asked for. */
export function useCompareText(documentId: string, compare: CompareWith): CompareText {
  const [state, setState] = useState<CompareText>({ status: 'none' });
  const key = compare.kind === 'version' ? compare.versionId : compare.kind;
  useEffect(() => {
    if (key === 'none') return setState({ status: 'none' });
    let current = true;
    setState({ status: 'loading' });
    const text = key === 'current' ? api.getContent(documentId) : api.getVersion(documentId, key);
    text.then(
      (value) => current && setState({ status: 'ready', text: value }),
      (cause: unknown) => current && setState({ status: 'failed', message: errorMessage(cause) }),
    );
    return () => {
      current = false;
    };
  }, [documentId, key]);
  return state;
}
