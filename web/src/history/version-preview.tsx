import { useEffect, useRef } from 'react';
import type { Language } from '@codesync/protocol';
import { useColorScheme } from '../app/use-color-scheme';
import { loadLanguage } from '../monaco/monaco-languages';
import { monaco } from '../monaco/monaco-setup';

/** A read-only Monaco view of an old version's text. */
export function VersionPreview({ text, language }: { text: string; language: Language }) {
  const container = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    if (!container.current) return;
    const model = monaco.editor.createModel(text, 'plaintext');
    const editor = monaco.editor.create(container.current, {
      model,
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      ariaLabel: 'Version text (read-only)',
      theme: scheme === 'dark' ? 'vs-dark' : 'vs',
    });
    void loadLanguage(language).then((id) => !model.isDisposed() && monaco.editor.setModelLanguage(model, id));
    return () => {
      editor.dispose();
      model.dispose();
    };
  }, [text, language, scheme]);

  return <div ref={container} className="version-preview" data-testid="version-preview" />;
}
