import { describe, expect, it } from 'vitest';
import { importedPaths, isScriptPath, relativeSpecifiers } from './import-specifiers';

describe('import specifiers', () => {
  it('finds every kind of relative import, once each, and ignores packages', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from \"../b\";",
      "import './side-effect';",
      "export * from './re-export';",
      "const lazy = await import('./lazy');",
      "const old = require('./old');",
      "import React from 'react';",
      "import { a as again } from './a';",
    ].join('\n');
    expect(relativeSpecifiers(text)).toEqual(['./a', '../b', './side-effect', './re-export', './lazy', './old']);
  });

  it('resolves as TypeScript does: extension added, index files, .js naming its .ts source', () => {
    const files = new Set(['src/a.ts', 'src/lib/index.tsx', 'src/util.ts', 'types.d.ts', 'src/data.json']);
    const text = "import './a';\nimport './lib';\nimport './util.js';\nimport '../types';\nimport './data.json';\nimport './missing';";
    expect(importedPaths('src/main.ts', text, (p) => files.has(p))).toEqual(['src/a.ts', 'src/lib/index.tsx', 'src/util.ts', 'types.d.ts']);
  });

  it('never climbs out of the project', () => {
    expect(importedPaths('a.ts', "import '../../etc/x';", () => true)).toEqual([]);
  });

  it('knows which paths are scripts', () => {
    expect(['a.ts', 'a.tsx', 'a.mjs', 'a.cts', 'a.d.ts', 'a.json', 'a.py'].map(isScriptPath)).toEqual([true, true, true, true, true, false, false]);
  });
});
