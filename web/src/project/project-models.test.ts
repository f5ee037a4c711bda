import { describe, expect, it } from 'vitest';
import { createProjectModels, type ScriptModel } from './project-models';

class FakeModel implements ScriptModel {
  disposed = false;
  private listeners = new Set<() => void>();
  constructor(
    readonly path: string,
    private text: string,
  ) {}
  getValue = () => this.text;
  setValue = (text: string) => {
    this.text = text;
    for (const listener of this.listeners) listener();
  };
  onDidChangeContent = (listener: () => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  dispose = () => void (this.disposed = true);
}

/** A project whose texts live in `texts` (by document id), and a registry over it. */
function setup(texts: Record<string, string>, paths: Record<string, string>, maxModels?: number) {
  const created: FakeModel[] = [];
  const fetched: string[] = [];
  const models = createProjectModels<FakeModel>({
    createModel: (path, text) => {
      const model = new FakeModel(path, text);
      created.push(model);
      return model;
    },
    loadText: async (id) => {
      fetched.push(id);
      if (!(id in texts)) throw new Error('gone');
      return texts[id]!;
    },
    maxModels,
    followDelayMs: 0,
  });
  models.setFiles(Object.entries(paths).map(([documentId, path]) => ({ documentId, path })));
  return { models, created, fetched, live: () => created.filter((m) => !m.disposed) };
}

const settle = async (models: { settled(): Promise<void> }) => {
  // Imports are followed a tick after a text changes; let those ticks pass, then wait for fetches.
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await models.settled();
  }
};

describe('project models', () => {
  const paths = { m: 'src/main.ts', u: 'src/util.ts', d: 'src/deep.ts', x: 'src/unused.ts', r: 'README.md' };
  const texts = {
    m: "import { greet } from './util';",
    u: "export { deep } from './deep.js';\nexport const greet = 1;",
    d: 'export const deep = 2;',
    x: 'export const unused = 3;',
    r: '# readme',
  };

  it('loads what the open file imports, and what that imports, lazily; nothing else', async () => {
    const { models, fetched } = setup(texts, paths);
    const main = models.acquire('m')!;
    expect(main.path).toBe('src/main.ts');
    main.setValue(texts.m); // the live document fills the editor's model
    await settle(models);
    expect(models.loadedPaths()).toEqual(['src/deep.ts', 'src/main.ts', 'src/util.ts']);
    expect(fetched.sort()).toEqual(['d', 'u']);
  });

  it('has no model for files that are not scripts', () => {
    const { models } = setup(texts, paths);
    expect(models.acquire('r')).toBeNull();
  });

  it('an import typed later loads its file', async () => {
    const { models } = setup(texts, paths);
    const main = models.acquire('m')!;
    await settle(models);
    main.setValue("import './unused';");
    await settle(models);
    expect(models.loadedPaths()).toContain('src/unused.ts');
  });

  it('a moved file gets a model at its new path with the same text; a deleted one loses its model', async () => {
    const { models, live } = setup(texts, paths);
    models.acquire('m')!.setValue(texts.m);
    await settle(models);
    models.setFiles([
      { documentId: 'm', path: 'src/main.ts' },
      { documentId: 'u', path: 'lib/util.ts' },
    ]);
    expect(live().map((m) => `${m.path}: ${m.getValue().split('\n')[1] ?? m.getValue()}`)).toEqual([
      "src/main.ts: import { greet } from './util';",
      'lib/util.ts: export const greet = 1;',
    ]);
  });

  it('refresh fetches the texts of files not open, never overwriting the open one', async () => {
    const data = { ...texts };
    const { models, created } = setup(data, paths);
    const main = models.acquire('m')!;
    main.setValue(texts.m);
    await settle(models);
    data.u = 'export const greet = 2;';
    data.m = 'stale text from the server';
    await models.refresh();
    expect(created.find((m) => m.path === 'src/util.ts')!.getValue()).toBe('export const greet = 2;');
    expect(main.getValue()).toBe(texts.m);
  });

  it('the periodic refresh fetches only what an open file imports directly', async () => {
    const { models, fetched } = setup(texts, paths);
    models.acquire('m')!.setValue(texts.m);
    await settle(models);
    fetched.length = 0;
    await models.refresh('imported-by-open');
    expect(fetched).toEqual(['u']);
    fetched.length = 0;
    await models.refresh();
    expect(fetched.sort()).toEqual(['d', 'u']);
  });

  it('keeps a closed file as a model for the files that import it', async () => {
    const { models } = setup(texts, paths);
    models.acquire('u')!.setValue(texts.u);
    models.release('u');
    const again = models.acquire('u')!;
    expect(again.getValue()).toBe(texts.u);
  });

  it('leaves out a file that cannot be read, and stops at maxModels', async () => {
    const imports = "import './a';\nimport './b';\nimport './c';";
    const files = { m: 'm.ts', a: 'a.ts', b: 'b.ts', c: 'c.ts' };
    const unreadable = setup({ a: '', c: '' }, files);
    unreadable.models.acquire('m')!.setValue(imports);
    await settle(unreadable.models);
    expect(unreadable.models.loadedPaths()).toEqual(['a.ts', 'c.ts', 'm.ts']);
    const capped = setup({ a: '', b: '', c: '' }, files, 3);
    capped.models.acquire('m')!.setValue(imports);
    await settle(capped.models);
    expect(capped.models.loadedPaths()).toHaveLength(3);
  });

  it('dispose removes every model', async () => {
    const { models, live } = setup(texts, paths);
    models.acquire('m')!.setValue(texts.m);
    await settle(models);
    models.dispose();
    expect(live()).toEqual([]);
  });
});
