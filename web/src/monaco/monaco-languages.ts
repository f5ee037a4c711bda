import type { Language } from '@codesync/protocol';

/**
 * Each language's registration is its own chunk, imported only when a document
 * uses it; the tokenizer behind it is yet another chunk Monaco loads on first use.
 */
const loaders: Partial<Record<Language, () => Promise<unknown>>> = {
  typescript: () => import('monaco-editor/languages/definitions/typescript/register.js'),
  javascript: () => import('monaco-editor/languages/definitions/javascript/register.js'),
  json: () => import('monaco-editor/languages/features/json/register.js'),
  python: () => import('monaco-editor/languages/definitions/python/register.js'),
  rust: () => import('monaco-editor/languages/definitions/rust/register.js'),
  go: () => import('monaco-editor/languages/definitions/go/register.js'),
  java: () => import('monaco-editor/languages/definitions/java/register.js'),
  c: () => import('monaco-editor/languages/definitions/cpp/register.js'),
  cpp: () => import('monaco-editor/languages/definitions/cpp/register.js'),
  csharp: () => import('monaco-editor/languages/definitions/csharp/register.js'),
  ruby: () => import('monaco-editor/languages/definitions/ruby/register.js'),
  php: () => import('monaco-editor/languages/definitions/php/register.js'),
  html: () => import('monaco-editor/languages/definitions/html/register.js'),
  svelte: () => import('monaco-editor/languages/definitions/html/register.js'),
  css: () => import('monaco-editor/languages/definitions/css/register.js'),
  markdown: () => import('monaco-editor/languages/definitions/markdown/register.js'),
  yaml: () => import('monaco-editor/languages/definitions/yaml/register.js'),
  shell: () => import('monaco-editor/languages/definitions/shell/register.js'),
  sql: () => import('monaco-editor/languages/definitions/sql/register.js'),
};

/** Monaco's id for a CodeSync language; languages Monaco lacks fall back to a close one. */
export function monacoLanguageId(language: Language): string {
  if (language === 'svelte') return 'html';
  if (language === 'latex') return 'plaintext';
  return language;
}

/** Registers the language with Monaco (once) so that models in it get highlighting. */
export async function loadLanguage(language: Language): Promise<string> {
  await loaders[language]?.();
  return monacoLanguageId(language);
}
