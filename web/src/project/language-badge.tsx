import type { Language } from '@codesync/protocol';

/** A file's language as two or three letters and a colour family, the tree's file "icon". */
const badges: Record<Language, string> = {
  plaintext: 'TXT', typescript: 'TS', javascript: 'JS', json: '{}', python: 'PY', rust: 'RS', go: 'GO',
  java: 'JV', c: 'C', cpp: 'C++', csharp: 'C#', ruby: 'RB', php: 'PHP', html: '<>', css: '#', markdown: 'MD',
  yaml: 'YML', shell: '$', sql: 'SQL', svelte: 'SV', latex: 'TEX',
};

/** The language hint before a file's name in the tree (its name for a screen reader comes from the title). */
export function LanguageBadge({ language }: { language: Language }) {
  return (
    <span className="language-badge" data-language={language} data-badge={badges[language]} title={language} aria-hidden="true" />
  );
}
