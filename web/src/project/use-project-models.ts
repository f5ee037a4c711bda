import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectEntryDto } from '@codesync/protocol';
import { api } from '../app/services';
import type { RevealTarget } from '../editor/reveal-position';
import { monaco } from '../monaco/monaco-setup';
import { enableTypeScriptService } from '../monaco/typescript-service';
import { createProjectModels, type ProjectModels } from './project-models';
import { createWorkerFile, type WorkerFile } from './worker-file';

type Model = monaco.editor.ITextModel;

/** The files an open file imports are fetched again this often while the page is visible (others may edit them). */
const REFRESH_MS = 15_000;

/** Where a definition is, as a place to show (its first line, its name selected). */
function targetOf(documentId: string, at: monaco.IRange | monaco.IPosition | undefined): RevealTarget {
  if (!at) return { documentId, line: 1, column: 1, length: 0 };
  if ('startLineNumber' in at) {
    const length = at.endLineNumber === at.startLineNumber ? at.endColumn - at.startColumn : 0;
    return { documentId, line: at.startLineNumber, column: at.startColumn, length };
  }
  return { documentId, line: at.lineNumber, column: at.column, length: 0 };
}

/** How an editor gets (and gives back) its file's model from the project's. */
export interface ModelSource {
  acquire(): Model | null;
  release(): void;
}

/**
 * The project's script files as models of Monaco's TypeScript worker (see project-models.ts),
 * kept up to date with the tree, refetched while the page is visible, and go to definition
 * into another file opening its tab. `ready` once the TypeScript service is registered:
 * an editor made before that would never get its features.
 */
export function useProjectModels(entries: ProjectEntryDto[], treeVersion: number, openAt: (target: RevealTarget) => void) {
  const [models, setModels] = useState<ProjectModels<WorkerFile> | null>(null);
  const openRef = useRef(openAt);
  openRef.current = openAt;

  useEffect(() => {
    let current = true;
    let registry: ProjectModels<WorkerFile> | null = null;
    let opener: monaco.IDisposable | null = null;
    // Without the TypeScript service (its chunk failed to load) files still open, without intelligence.
    void enableTypeScriptService()
      .catch(() => null)
      .then((defaults) => {
        if (!current) return;
        registry = createProjectModels<WorkerFile>({
          createModel: (path, text) => createWorkerFile(defaults, path, text),
          loadText: (id) => api.getContent(id),
        });
        const found = registry;
        opener = monaco.editor.registerEditorOpener({
          openCodeEditor(source, resource, at) {
            if (resource.scheme !== 'file' || source.getModel()?.uri.toString() === resource.toString()) return false;
            const documentId = found.documentIdOf(resource.path.slice(1));
            if (!documentId) return false;
            openRef.current(targetOf(documentId, at));
            return true;
          },
        });
        setModels(registry);
      });
    return () => {
      current = false;
      opener?.dispose();
      registry?.dispose();
    };
  }, []);

  useEffect(() => {
    models?.setFiles(entries.flatMap((e) => (e.documentId ? [{ path: e.path, documentId: e.documentId }] : [])));
  }, [models, entries]);

  useEffect(() => {
    if (!models) return;
    void models.refresh();
    const refreshAll = () => void models.refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void models.refresh('imported-by-open');
    }, REFRESH_MS);
    window.addEventListener('focus', refreshAll);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refreshAll);
    };
  }, [models, treeVersion]);

  const source = useCallback(
    (documentId: string): ModelSource | undefined =>
      models ? { acquire: () => models.acquire(documentId)?.model ?? null, release: () => models.release(documentId) } : undefined,
    [models],
  );
  return { ready: models !== null, source };
}
