import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';

describe('parseRoute', () => {
  it('maps the pages', () => {
    expect(parseRoute('/')).toEqual({ page: 'documents' });
    expect(parseRoute('/d/abc-123')).toEqual({ page: 'editor', documentId: 'abc-123' });
    expect(parseRoute('/signin?next=%2Fd%2Fabc')).toEqual({ page: 'sign-in', next: '/d/abc' });
    expect(parseRoute('/invite/tok_en-1')).toEqual({ page: 'invite', token: 'tok_en-1' });
    expect(parseRoute('/nope')).toEqual({ page: 'not-found' });
  });

  it('never takes a next address to another origin', () => {
    expect(parseRoute('/signin?next=//evil.example/x')).toEqual({ page: 'sign-in', next: null });
    expect(parseRoute('/signin?next=https://evil.example')).toEqual({ page: 'sign-in', next: null });
  });
});
