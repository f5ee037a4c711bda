import { describe, expect, it } from 'vitest';
import { fuzzyFilter } from './fuzzy';

describe('quick open matching', () => {
  const paths = ['lib/a.ts', 'lib/b.ts', 'README.md', 'lib/deep/bar.ts'];
  it('finds a path by the letters of its name, in order, case-insensitively', () => {
    expect(fuzzyFilter(paths, 'b.ts')[0]).toBe('lib/b.ts');
    expect(fuzzyFilter(paths, 'LIBB')).toContain('lib/b.ts');
    expect(fuzzyFilter(paths, 'zz')).toEqual([]);
  });
  it('ranks matches in the file name above matches spread over folders', () => {
    expect(fuzzyFilter(paths, 'bar')[0]).toBe('lib/deep/bar.ts');
  });
});
