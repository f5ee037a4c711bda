// Which project files a TypeScript or JavaScript file imports, found without a parser:
// enough to load the files Monaco's TypeScript worker needs before it asks for them.

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/** Whether Monaco's TypeScript worker should know this path. */
export function isScriptPath(path: string): boolean {
  return SCRIPT.test(path);
}

// import x from '…', import '…', export … from '…', import('…'), require('…'), import x = require('…')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)(['"])([^'"\n]{1,500})\1/g;

/** The relative specifiers (`./x`, `../x`, `/x`) a source text imports, in order, once each. */
export function relativeSpecifiers(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (specifier.startsWith('.') || specifier.startsWith('/')) found.add(specifier);
  }
  return [...found];
}

/** `from` joined with a relative specifier, `.` and `..` applied; null if it climbs out of the project. */
function join(fromFile: string, specifier: string): string | null {
  const parts = specifier.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs'];
// TypeScript lets `./x.js` name `x.ts` (what the emitted file will be called).
const SOURCE_OF = new Map([['.js', ['.ts', '.tsx']], ['.jsx', ['.tsx']], ['.mjs', ['.mts']], ['.cjs', ['.cts']]]);

/** The project paths a specifier may name, in the order TypeScript's resolution tries them. */
function candidates(base: string): string[] {
  const list = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  const ext = /\.[cm]?jsx?$/.exec(base)?.[0];
  const stem = ext ? base.slice(0, -ext.length) : null;
  for (const alt of (ext && SOURCE_OF.get(ext)) ?? []) list.push(stem + alt);
  return list;
}

/** The project files `fromFile`'s text imports by relative path (each the first candidate that exists). */
export function importedPaths(fromFile: string, text: string, exists: (path: string) => boolean): string[] {
  const paths = new Set<string>();
  for (const specifier of relativeSpecifiers(text)) {
    const base = join(fromFile, specifier);
    if (base === null || base === '') continue;
    const hit = candidates(base).find((path) => isScriptPath(path) && exists(path));
    if (hit) paths.add(hit);
  }
  return [...paths];
}
