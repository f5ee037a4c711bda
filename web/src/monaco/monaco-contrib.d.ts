// Monaco editor contributions imported by path that ship without type declarations:
// they register themselves on import and export nothing this app uses.
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
