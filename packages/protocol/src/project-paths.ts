import type { Language } from './languages.js';

/** Longest path accepted in a project, in UTF-8 bytes. */
export const MAX_PATH_BYTES = 1024;

/** The rules a project path must keep, each with the `code` a 400 names. */
export const pathRules = {
  empty: 'the path is empty',
  leading_slash: 'the path must not start with "/"',
  nul: 'the path must not contain NUL',
  control_character: 'the path must not contain control characters',
  backslash: 'the path must not contain "\\" (use "/" between folders)',
  empty_segment: 'the path must not contain an empty segment ("//" or a trailing "/")',
  dot_segment: 'the path must not contain a "." or ".." segment',
  too_long: `the path must be at most ${MAX_PATH_BYTES} bytes`,
} as const;

export type PathRule = keyof typeof pathRules;

/** The first rule `path` breaks, or null if it is a valid project path. Order: most specific first. */
export function brokenPathRule(path: string): PathRule | null {
  if (path === '') return 'empty';
  if (path.startsWith('/')) return 'leading_slash';
  if (path.includes('\0')) return 'nul';
  if (/[\p{Cc}\p{Cs}]/u.test(path)) return 'control_character';
  if (path.includes('\\')) return 'backslash';
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return 'empty_segment';
  if (segments.some((s) => s === '.' || s === '..')) return 'dot_segment';
  if (new TextEncoder().encode(path).byteLength > MAX_PATH_BYTES) return 'too_long';
  return null;
}

/** The folder paths above `path`, outermost first: `a/b/c.ts` → `a`, `a/b`. */
export function parentFolders(path: string): string[] {
  const segments = path.split('/');
  return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
}

/** True when `path` is `folder` itself or lies under it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

const byExtension: Record<string, Language> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  json: 'json', py: 'python', rs: 'rust', go: 'go', java: 'java', c: 'c', h: 'c',
  cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', cs: 'csharp', rb: 'ruby', php: 'php',
  html: 'html', htm: 'html', css: 'css', md: 'markdown', markdown: 'markdown',
  yml: 'yaml', yaml: 'yaml', sh: 'shell', bash: 'shell', sql: 'sql', svelte: 'svelte', tex: 'latex',
};

/** The editor language a file's name suggests; plain text when unknown. */
export function languageOfPath(path: string): Language {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'plaintext';
  return byExtension[name.slice(dot + 1).toLowerCase()] ?? 'plaintext';
}
