import { RE2JS } from 're2js';
import { badRequest } from '../errors.js';

export interface SearchOptions {
  query: string;
  /** `query` is an RE2 pattern; otherwise it is matched literally. */
  regex: boolean;
  caseSensitive: boolean;
  wholeWord: boolean;
}

/**
 * The query as a compiled pattern. RE2 runs in time linear in the text, so a
 * member's pattern (`(a+)+$` and friends) cannot stall the process the way a
 * backtracking engine would; the price is no backreferences or lookahead,
 * which a 400 names. MULTILINE: `^` and `$` are line anchors, as in an editor.
 */
export function compileSearch(options: SearchOptions): RE2JS {
  let source = options.regex ? options.query : RE2JS.quote(options.query);
  if (options.wholeWord) source = `\\b(?:${source})\\b`;
  const flags = RE2JS.MULTILINE | (options.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  try {
    return RE2JS.compile(source, flags);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw badRequest('invalid_regex', `the pattern is not a valid RE2 regular expression: ${reason}`, { reason });
  }
}
