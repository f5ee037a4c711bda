import { describe, expect, it } from 'vitest';
import { applyEdit, minimalEdit } from './text-edit.js';

describe('minimalEdit', () => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['', 'hello'],
    ['hello', ''],
    ['hello world', 'hello there world'],
    ['aaaa', 'aa'],
    ['abcabc', 'abc'],
    ['const x = 1;\n', 'const x = 2;\n'],
    ['a😀b', 'a😁b'],
    ['😀', '😁'],
    ['x😀', 'x😀😀'],
  ];

  it.each(cases)('turns %j into %j', (from, to) => {
    expect(applyEdit(from, minimalEdit(from, to))).toBe(to);
  });

  it('touches only the changed middle', () => {
    expect(minimalEdit('const x = 1;', 'const x = 42;')).toEqual({ index: 10, deleteCount: 1, insert: '42' });
    expect(minimalEdit('same', 'same')).toBeNull();
  });

  it('never splits a surrogate pair', () => {
    const edit = minimalEdit('a😀b', 'a😁b');
    expect(edit).toEqual({ index: 1, deleteCount: 2, insert: '😁' });
  });
});
