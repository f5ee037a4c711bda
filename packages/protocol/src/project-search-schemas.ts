import { z } from 'zod';

// Find in files (GET /api/projects/:id/search): the query string and the answer.

/** Longest query accepted, in characters. */
export const SEARCH_QUERY_MAX_CHARS = 1000;
/** Matches returned when the caller names no cap, and the most a caller may ask for. */
export const SEARCH_DEFAULT_MAX_RESULTS = 1000;
export const SEARCH_MAX_RESULTS_LIMIT = 5000;
/** A preview keeps at most this many characters of a long line, around the match. */
export const SEARCH_PREVIEW_MAX_CHARS = 240;

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export const projectSearchQuerySchema = z.strictObject({
  q: z.string().min(1).max(SEARCH_QUERY_MAX_CHARS).meta({ description: 'the text (or, with regex=true, the pattern) to find' }),
  regex: flag.meta({ description: 'read `q` as an RE2 regular expression (linear time: no backreferences or lookahead)' }),
  caseSensitive: flag.meta({ description: 'match case exactly (default: ignore case)' }),
  wholeWord: flag.meta({ description: 'match only at word boundaries' }),
  maxResults: z
    .string()
    .regex(/^\d{1,5}$/, 'a whole number')
    .optional()
    .transform((value) => (value === undefined ? SEARCH_DEFAULT_MAX_RESULTS : Number(value)))
    .pipe(z.int().min(1).max(SEARCH_MAX_RESULTS_LIMIT))
    .meta({ description: `stop after this many matches (default ${SEARCH_DEFAULT_MAX_RESULTS}, at most ${SEARCH_MAX_RESULTS_LIMIT})` }),
});

export const searchMatchSchema = z.strictObject({
  line: z.int().positive().meta({ description: '1-based line' }),
  column: z.int().positive().meta({ description: '1-based column of the match, in UTF-16 code units (as editors count)' }),
  length: z.int().nonnegative().meta({ description: 'the match, in UTF-16 code units (on this line)' }),
  preview: z.string().meta({ description: 'the line, or the part of a long line around the match' }),
  previewStart: z.int().nonnegative().meta({ description: 'where the match starts in `preview`' }),
});

export const searchFileSchema = z.strictObject({
  path: z.string(),
  documentId: z.uuid(),
  matches: z.array(searchMatchSchema),
});

export const projectSearchResultSchema = z
  .strictObject({
    files: z.array(searchFileSchema).meta({ description: 'files with at least one match, sorted by path' }),
    matchCount: z.int().nonnegative(),
    searchedFiles: z.int().nonnegative(),
    truncated: z.boolean().meta({ description: 'the cap was reached: more matches may exist' }),
  })
  .meta({ id: 'ProjectSearch' });

export type ProjectSearchQuery = z.infer<typeof projectSearchQuerySchema>;
export type SearchMatchDto = z.infer<typeof searchMatchSchema>;
export type SearchFileDto = z.infer<typeof searchFileSchema>;
export type ProjectSearchResultDto = z.infer<typeof projectSearchResultSchema>;
