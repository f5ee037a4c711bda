import type * as TypeScriptFeatures from 'monaco-editor/languages/features/typescript/register.js';
import { loadLanguage } from './monaco-languages';

/**
 * Compiler options for a project's files: modern modules resolved as a bundler or
 * Node would (`./util` finds `util.ts`, `./util.js` finds `util.ts` too), JSX, and
 * JavaScript files known to the TypeScript ones. Not `strict`: there is no tsconfig
 * to say so, and a loose check raises fewer false alarms.
 */
const compilerOptions = {
  target: 99, // ESNext
  module: 99, // ESNext
  moduleResolution: 2, // Node
  jsx: 4, // react-jsx
  allowJs: true,
  allowNonTsExtensions: true,
  allowImportingTsExtensions: true,
  esModuleInterop: true,
  noEmit: true,
};

/** What the project's files need of the language service: its two language defaults. */
export type LanguageDefaults = Pick<typeof TypeScriptFeatures, 'typescriptDefaults' | 'javascriptDefaults'>;

let loading: Promise<LanguageDefaults> | null = null;

/**
 * Monaco's TypeScript language service (its worker starts on first use). It must be
 * registered before any TypeScript or JavaScript model exists: Monaco attaches a
 * language's features when the first model of that language appears, once.
 * Diagnostics run only for files shown in an editor; the others are there to be imported.
 */
export function enableTypeScriptService(): Promise<LanguageDefaults> {
  loading ??= (async () => {
    // Editor features the language service answers: F12 / Ctrl+click go to definition, F8 next problem,
    // signature help, and the completion list (Monaco 0.57's features/suggest registers only inline
    // completions, not the list). Registered before the project's editors exist: an editor takes its
    // features when made.
    await Promise.all([
      loadLanguage('typescript'),
      loadLanguage('javascript'),
      import('monaco-editor/features/gotoSymbol/register.js'),
      import('monaco-editor/features/gotoError/register.js'),
      import('monaco-editor/features/parameterHints/register.js'),
      import('monaco-editor/editor/contrib/suggest/browser/suggestController.js'),
    ]);
    const ts = await import('monaco-editor/languages/features/typescript/register.js');
    ts.typescriptDefaults.setCompilerOptions(compilerOptions);
    ts.javascriptDefaults.setCompilerOptions(compilerOptions);
    ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, onlyVisible: true });
    ts.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false, onlyVisible: true });
    // No rename: it would edit files that are not open, whose models are copies outside their live documents.
    for (const defaults of [ts.typescriptDefaults, ts.javascriptDefaults]) defaults.setModeConfiguration({ ...defaults.modeConfiguration, rename: false });
    performance.mark('codesync:typescript-ready'); // read by scripts/measure-project.ts
    return ts;
  })();
  return loading;
}
