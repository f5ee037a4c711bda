import { useCallback, useEffect, useState } from 'react';
import type { DocumentDto } from '@codesync/protocol';
import { ApiError } from '../api/api-error';
import { api } from '../app/services';
import { documentMetaKey } from './document-meta-key';

const cacheKey = documentMetaKey;

function readCache(documentId: string): DocumentDto | null {
  const raw = window.localStorage.getItem(cacheKey(documentId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DocumentDto;
  } catch (cause) {
    console.warn('codesync: dropping unreadable cached document', cause);
    window.localStorage.removeItem(cacheKey(documentId));
    return null;
  }
}

/**
 * The document's metadata (title, language, role), cached in localStorage so the
 * editor still opens after a reload while offline.
 */
export function useDocumentMeta(documentId: string) {
  const [document, setDocumentState] = useState<DocumentDto | null>(() => readCache(documentId));
  const [error, setError] = useState<ApiError | null>(null);

  const setDocument = useCallback((next: DocumentDto) => {
    window.localStorage.setItem(cacheKey(next.id), JSON.stringify(next));
    setDocumentState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      setDocument(await api.getDocument(documentId));
      setError(null);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      setError(cause);
      if (cause.status === 403 || cause.status === 404) window.localStorage.removeItem(cacheKey(documentId));
    }
  }, [documentId, setDocument]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { document, error, refresh, setDocument };
}
