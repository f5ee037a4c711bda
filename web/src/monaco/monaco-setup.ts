// The editor page's one entry to Monaco: the core API, the editing features we use,
// and workers. Languages are loaded on demand by ./monaco-languages.ts.
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/caretOperations/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/gotoLine/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/links/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/quickCommand/register.js';
import 'monaco-editor/features/readOnlyMessage/register.js';
import 'monaco-editor/features/smartSelect/register.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';

self.MonacoEnvironment = {
  async getWorker(_workerId: string, label: string): Promise<Worker> {
    if (label === 'json') {
      const { default: JsonWorker } = await import('monaco-editor/languages/features/json/json.worker.js?worker');
      return new JsonWorker();
    }
    if (label === 'typescript' || label === 'javascript') {
      // Only project pages start it (monaco/typescript-service.ts): several MB, fetched on first use.
      const { default: TypeScriptWorker } = await import('monaco-editor/languages/features/typescript/ts.worker.js?worker');
      return new TypeScriptWorker();
    }
    return new EditorWorker();
  },
};

export { monaco };
