import { importedPaths, isScriptPath } from './import-specifiers';

/** The few members of a Monaco text model the registry uses (a fake stands in for tests). */
export interface ScriptModel {
  getValue(): string;
  setValue(text: string): void;
  onDidChangeContent(listener: () => void): { dispose(): void };
  dispose(): void;
}

export interface ProjectModelsOptions<M extends ScriptModel> {
  /** A model for the file at `path` (its URI is the path), holding `text`. */
  createModel(path: string, text: string): M;
  /** The file's current text (GET …/content). */
  loadText(documentId: string): Promise<string>;
  /** Most files loaded at once: a huge project loads what the open files import, up to this. */
  maxModels?: number;
  /** How long a file's text must rest before its imports are followed again. */
  followDelayMs?: number;
}

interface Slot<M> {
  path: string;
  model: M;
  /** Bound to an open editor: its text comes from the live document, never from a fetch. */
  live: boolean;
  watch: { dispose(): void };
  timer?: ReturnType<typeof setTimeout>;
}

export interface FileRef {
  path: string;
  documentId: string;
}

/**
 * The project's TypeScript/JavaScript files as Monaco models, so that its TypeScript
 * worker resolves imports between them. Loaded lazily: the files an open editor
 * imports, and what those import, fetched once and refreshed on demand. An open
 * file's model is the editor's own (bound to the live document).
 */
export function createProjectModels<M extends ScriptModel>(options: ProjectModelsOptions<M>) {
  const maxModels = options.maxModels ?? 300;
  const followDelayMs = options.followDelayMs ?? 400;
  const files = new Map<string, string>(); // documentId → path
  const byPath = new Map<string, string>(); // path → documentId
  const slots = new Map<string, Slot<M>>();
  const loading = new Map<string, Promise<void>>();
  let disposed = false;

  function follow(documentId: string): void {
    const slot = slots.get(documentId);
    if (!slot || disposed) return;
    for (const path of importedPaths(slot.path, slot.model.getValue(), (p) => byPath.has(p))) void load(byPath.get(path)!);
  }

  function place(documentId: string, path: string, model: M, live: boolean): Slot<M> {
    const slot: Slot<M> = { path, model, live, watch: { dispose: () => undefined } };
    slot.watch = model.onDidChangeContent(() => {
      clearTimeout(slot.timer);
      slot.timer = setTimeout(() => follow(documentId), followDelayMs);
    });
    slots.set(documentId, slot);
    follow(documentId);
    return slot;
  }

  function drop(documentId: string): void {
    const slot = slots.get(documentId);
    if (!slot) return;
    clearTimeout(slot.timer);
    slot.watch.dispose();
    slot.model.dispose();
    slots.delete(documentId);
  }

  function load(documentId: string): Promise<void> {
    if (slots.has(documentId) || slots.size >= maxModels) return Promise.resolve();
    let pending = loading.get(documentId);
    if (!pending) {
      pending = options.loadText(documentId).then((text) => {
        const path = files.get(documentId);
        if (disposed || path === undefined || slots.has(documentId) || slots.size >= maxModels) return;
        place(documentId, path, options.createModel(path, text), false);
      });
      // A file that cannot be read is simply not known to the worker (its importers show the error).
      pending = pending.catch(() => undefined).finally(() => loading.delete(documentId));
      loading.set(documentId, pending);
    }
    return pending;
  }

  return {
    /** The project's files now (after any tree change): moved files move, deleted ones go. */
    setFiles(list: FileRef[]): void {
      files.clear();
      byPath.clear();
      for (const { path, documentId } of list) {
        if (!isScriptPath(path)) continue;
        files.set(documentId, path);
        byPath.set(path, documentId);
      }
      for (const [documentId, slot] of [...slots]) {
        const path = files.get(documentId);
        if (slot.live || path === slot.path) continue;
        // A model's URI cannot change: a moved file gets a new model with the same text.
        const text = slot.model.getValue();
        drop(documentId);
        if (path !== undefined) place(documentId, path, options.createModel(path, text), false);
      }
    },
    /** The model for an editor opening this file (empty until its document fills it), or null for other files. */
    acquire(documentId: string): M | null {
      const path = files.get(documentId);
      if (path === undefined || disposed) return null;
      const slot = slots.get(documentId);
      if (slot && slot.path === path) {
        slot.live = true;
        return slot.model;
      }
      drop(documentId);
      return place(documentId, path, options.createModel(path, ''), true).model;
    },
    /** The editor closed: the model stays, with the text it last had, for other files to import. */
    release(documentId: string): void {
      const slot = slots.get(documentId);
      if (!slot) return;
      slot.live = false;
      const path = files.get(documentId);
      if (path === slot.path) return;
      const text = slot.model.getValue();
      drop(documentId);
      if (path !== undefined) place(documentId, path, options.createModel(path, text), false);
    },
    /**
     * Fetches again the texts of files not open in an editor (others may have changed them):
     * every loaded file, or only those an open file imports directly (a cheap periodic check).
     */
    async refresh(scope: 'all' | 'imported-by-open' = 'all'): Promise<void> {
      let idle = [...slots].filter(([, slot]) => !slot.live).map(([documentId]) => documentId);
      if (scope === 'imported-by-open') {
        const wanted = new Set<string>();
        for (const slot of slots.values()) {
          if (!slot.live) continue;
          for (const path of importedPaths(slot.path, slot.model.getValue(), (p) => byPath.has(p))) wanted.add(byPath.get(path)!);
        }
        idle = idle.filter((documentId) => wanted.has(documentId));
      }
      await Promise.all(
        idle.map(async (documentId) => {
          const text = await options.loadText(documentId).catch(() => null);
          const slot = slots.get(documentId);
          if (text !== null && slot && !slot.live && slot.model.getValue() !== text) slot.model.setValue(text);
        }),
      );
    },
    documentIdOf: (path: string): string | undefined => byPath.get(path),
    /** Paths with a model (for tests and measurements). */
    loadedPaths: (): string[] => [...slots.values()].map((slot) => slot.path).sort(),
    /** Resolves when no file is being fetched. */
    async settled(): Promise<void> {
      while (loading.size > 0) await Promise.all(loading.values());
    },
    dispose(): void {
      disposed = true;
      for (const documentId of [...slots.keys()]) drop(documentId);
    },
  };
}

export type ProjectModels<M extends ScriptModel> = ReturnType<typeof createProjectModels<M>>;
