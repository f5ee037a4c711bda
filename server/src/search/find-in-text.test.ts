import { describe, expect, it } from 'vitest';
import { findInText } from './find-in-text.js';
import { compileSearch } from './search-pattern.js';

const literal = (query: string) => compileSearch({ query, regex: false, caseSensitive: true, wholeWord: false });
const regex = (query: string) => compileSearch({ query, regex: true, caseSensitive: true, wholeWord: false });
const at = (text: string, pattern: ReturnType<typeof literal>, limit = 100) =>
  findInText(text, pattern, limit).map((m) => `${m.line}:${m.column}+${m.length}`);

describe('findInText', () => {
  it('counts lines as editors do: LF, CRLF and CR each end one line', () => {
    expect(at('x\r\nx\nx\rx', literal('x'))).toEqual(['1:1+1', '2:1+1', '3:1+1', '4:1+1']);
  });

  it('counts columns in UTF-16 code units, as Monaco does', () => {
    expect(at('😀 x', literal('x'))).toEqual(['1:4+1']);
  });

  it('shows a match that spans lines on its first line, cut at its end', () => {
    expect(at('ab\ncd\n', regex('b\\nc'))).toEqual(['1:2+1']);
  });

  it('anchors ^ and $ at each line', () => {
    expect(at('a\nab\nb', regex('^a'))).toEqual(['1:1+1', '2:1+1']);
    expect(at('a\r\nab\r\nb', regex('b$'))).toEqual(['2:2+1', '3:1+1']);
  });

  it('stops at the limit', () => {
    expect(at('x x x x', literal('x'), 2)).toEqual(['1:1+1', '1:3+1']);
  });

  it('never cuts a preview inside a surrogate pair', () => {
    const text = `${'😀'.repeat(200)}needle${'😀'.repeat(200)}`;
    const [match] = findInText(text, literal('needle'), 1);
    const preview = match!.preview;
    expect(preview.slice(match!.previewStart, match!.previewStart + 6)).toBe('needle');
    expect(preview).toBe(preview.toWellFormed());
  });

  it('refuses a pattern RE2 cannot run in linear time, naming why', () => {
    expect(() => regex('(a)\\1')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_regex' }));
  });
});
