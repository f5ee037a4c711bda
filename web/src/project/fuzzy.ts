/**
 * Quick-open matching: the query's characters in order within the path
 * (case-insensitive). Lower scores are better: matches in the file name and
 * runs of consecutive characters rank first. Null when it does not match.
 */
export function fuzzyScore(path: string, query: string): number | null {
  const haystack = path.toLowerCase();
  const needle = query.toLowerCase().replaceAll(' ', '');
  if (needle === '') return 0;
  const nameStart = haystack.lastIndexOf('/') + 1;
  // Greedy matching from the file name first (the usual intent), else from the start of the path.
  const scores = [greedy(haystack, needle, nameStart, nameStart), greedy(haystack, needle, 0, nameStart)];
  const best = Math.min(...scores.filter((x): x is number => x !== null));
  return Number.isFinite(best) ? best + path.length / 1000 : null;
}

function greedy(haystack: string, needle: string, from: number, nameStart: number): number | null {
  let score = 0;
  let at = from - 1;
  for (const char of needle) {
    const found = haystack.indexOf(char, at + 1);
    if (found === -1) return null;
    score += found === at + 1 ? 0 : found - at;
    if (found < nameStart) score += 1;
    at = found;
  }
  return score;
}

/** The paths matching `query`, best first. */
export function fuzzyFilter(paths: string[], query: string, limit = 50): string[] {
  return paths
    .flatMap((path) => {
      const score = fuzzyScore(path, query);
      return score === null ? [] : [{ path, score }];
    })
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((m) => m.path);
}
