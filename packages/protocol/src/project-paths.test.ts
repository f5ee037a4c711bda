import { describe, expect, it } from 'vitest';
import { brokenPathRule, isWithin, languageOfPath, parentFolders } from './project-paths.js';

describe('project paths', () => {
  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'leading_slash'],
    ['a\0b', 'nul'],
    ['a\nb', 'control_character'],
    ['a\\b', 'backslash'],
    ['a//b', 'empty_segment'],
    ['a/', 'empty_segment'],
    ['./a', 'dot_segment'],
    ['a/../../b', 'dot_segment'],
    ['..', 'dot_segment'],
    ['a/'.repeat(512) + 'b', 'too_long'],
    ['é'.repeat(513), 'too_long'],
  ])('%j breaks %s', (path, rule) => {
    expect(brokenPathRule(path)).toBe(rule);
  });

  it.each(['a', 'src/a.ts', '.gitignore', 'a/.b/..c', 'dir with space/ü.md', 'x'.repeat(1024)])('%j is valid', (path) => {
    expect(brokenPathRule(path)).toBeNull();
  });

  it('lists parent folders outermost first', () => {
    expect(parentFolders('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(parentFolders('c.ts')).toEqual([]);
  });

  it('knows what lies within a folder (not a sibling sharing a prefix)', () => {
    expect(isWithin('src/a.ts', 'src')).toBe(true);
    expect(isWithin('src', 'src')).toBe(true);
    expect(isWithin('srcx/a.ts', 'src')).toBe(false);
  });

  it('guesses the language from the extension', () => {
    expect(languageOfPath('src/a.ts')).toBe('typescript');
    expect(languageOfPath('Makefile')).toBe('plaintext');
    expect(languageOfPath('.env')).toBe('plaintext');
    expect(languageOfPath('README.MD')).toBe('markdown');
  });
});
