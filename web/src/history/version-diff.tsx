import { useEffect, useRef } from 'react';
import type { Language } from '@codesync/protocol';
import { useColorScheme } from '../app/use-color-scheme';
import { loadLanguage } from '../monaco/monaco-languages';
import { monaco } from '../monaco/monaco-setup';

interface VersionDiffProps {
  /** The older side (left): the chosen version. */
  original: string;
  /** The newer side (right): the current text, or another version. */
  modified: string;
  language: Language;
  /** Says what the right side is, for screen readers. */
  modifiedLabel: string;
}

/** Monaco's diff editor, read-only, side by side: removed lines red on the left, inserted green on the right. */
export function VersionDiff({ original, modified, language, modifiedLabel }: VersionDiffProps) {
  const container = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    if (!container.current) return;
    const left = monaco.editor.createModel(original, 'plaintext');
    const right = monaco.editor.createModel(modified, 'plaintext');
    const diff = monaco.editor.createDiffEditor(container.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderSideBySide: true,
      // Side by side even in a narrow dialog: the two texts are the point.
      useInlineViewWhenSpaceIsLimited: false,
      ariaLabel: `Changes from this version to ${modifiedLabel}`,
      theme: scheme === 'dark' ? 'vs-dark' : 'vs',
    });
    diff.setModel({ original: left, modified: right });
    void loadLanguage(language).then((id) => {
      if (left.isDisposed()) return;
      monaco.editor.setModelLanguage(left, id);
      monaco.editor.setModelLanguage(right, id);
    });
    return () => {
      diff.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, language, modifiedLabel, scheme]);

  return <div ref={container} className="version-preview version-diff" data-testid="version-diff" />;
}
