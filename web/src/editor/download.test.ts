import { describe, expect, it } from 'vitest';
import { fileNameFor } from './download';

describe('fileNameFor', () => {
  it('adds the language extension unless the title has one', () => {
    expect(fileNameFor('main', 'typescript')).toBe('main.ts');
    expect(fileNameFor('server.py', 'python')).toBe('server.py');
    expect(fileNameFor('  ', 'rust')).toBe('untitled.rs');
  });

  it('replaces characters a file system refuses', () => {
    expect(fileNameFor('a/b:c', 'go')).toBe('a_b_c.go');
  });
});
