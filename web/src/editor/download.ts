import type { Language } from '@codesync/protocol';

const extensions: Record<Language, string> = {
  plaintext: 'txt', typescript: 'ts', javascript: 'js', json: 'json', python: 'py', rust: 'rs', go: 'go',
  java: 'java', c: 'c', cpp: 'cpp', csharp: 'cs', ruby: 'rb', php: 'php', html: 'html', css: 'css',
  markdown: 'md', yaml: 'yaml', shell: 'sh', sql: 'sql', svelte: 'svelte', latex: 'tex',
};

/** The title as a file name, with the language's extension unless it already has one. */
export function fileNameFor(title: string, language: Language): string {
  const base = title.trim().replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_') || 'untitled';
  return /\.[a-z0-9]{1,8}$/i.test(base) ? base : `${base}.${extensions[language]}`;
}

/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
