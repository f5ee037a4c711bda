import type { LanguageDefaults } from '../monaco/typescript-service';
import { monaco } from '../monaco/monaco-setup';
import type { ScriptModel } from './project-models';

const languageOf = (path: string) => (/\.[cm]?tsx?$/.test(path) ? 'typescript' : 'javascript');

export const fileUri = (path: string) => monaco.Uri.from({ scheme: 'file', path: `/${path}` });

/** A project file as Monaco sees it: a model, for the editor and for go to definition. */
export interface WorkerFile extends ScriptModel {
  readonly model: monaco.editor.ITextModel;
}

/**
 * A model at `file:///<path>`, whose text is also given to the TypeScript and JavaScript
 * workers as an extra file under the same name. Monaco's workers only see the models
 * their editors asked about; an extra file is seen by every check, and changing one
 * makes Monaco check the open files again, so an import's errors clear when the
 * imported file arrives. An open file's model is in the worker itself and wins over
 * its extra file, so typing there never re-sends it.
 */
export function createWorkerFile(defaults: LanguageDefaults | null, path: string, text: string): WorkerFile {
  const uri = fileUri(path);
  monaco.editor.getModel(uri)?.dispose(); // left over from another project page in this tab
  const model = monaco.editor.createModel(text, languageOf(path), uri);
  let libs: monaco.IDisposable[] = [];
  const share = (content: string) => {
    for (const lib of libs) lib.dispose();
    libs = defaults ? [defaults.typescriptDefaults.addExtraLib(content, uri.toString()), defaults.javascriptDefaults.addExtraLib(content, uri.toString())] : [];
  };
  share(text);
  return {
    model,
    getValue: () => model.getValue(),
    setValue: (next) => {
      model.setValue(next);
      share(next);
    },
    onDidChangeContent: (listener) => model.onDidChangeContent(listener),
    dispose: () => {
      share('');
      for (const lib of libs) lib.dispose();
      model.dispose();
    },
  };
}
