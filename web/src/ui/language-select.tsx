import { languages, type Language } from '@codesync/protocol';

const labels: Record<Language, string> = {
  plaintext: 'Plain text', typescript: 'TypeScript', javascript: 'JavaScript', json: 'JSON',
  python: 'Python', rust: 'Rust', go: 'Go', java: 'Java', c: 'C', cpp: 'C++', csharp: 'C#',
  ruby: 'Ruby', php: 'PHP', html: 'HTML', css: 'CSS', markdown: 'Markdown', yaml: 'YAML',
  shell: 'Shell', sql: 'SQL', svelte: 'Svelte', latex: 'LaTeX',
};

export const languageLabel = (language: Language): string => labels[language];

interface LanguageSelectProps {
  value: Language;
  onChange: (language: Language) => void;
  disabled?: boolean;
  label?: string;
  id?: string;
}

export function LanguageSelect({ value, onChange, disabled, label = 'Language', id }: LanguageSelectProps) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Language)}
    >
      {languages.map((language) => (
        <option key={language} value={language}>
          {labels[language]}
        </option>
      ))}
    </select>
  );
}
