import fc from 'fast-check';

/** Strings that are not JSON at all. */
export const notJson = fc.string({ maxLength: 80 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});

/** Any JSON value, raw text, or JSON with an unescaped control character. */
export const anyBody: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  notJson,
  fc.string({ maxLength: 20 }).map((text) => `{"title":"${text}\u0001","language":"go"}`),
);

const nonString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const fieldNames = ['email', 'password', 'name', 'title', 'language', 'content', 'role', 'refreshToken'] as const;

/**
 * Bodies no JSON route accepts: not JSON, JSON that is not an object, or an
 * object in which at least one known field has a value of the wrong type.
 */
export const invalidBody: fc.Arbitrary<string> = fc.oneof(
  notJson,
  fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 1 }))).map((v) => JSON.stringify(v)),
  fc
    .tuple(fc.dictionary(fc.constantFrom(...fieldNames), fc.jsonValue({ maxDepth: 1 })), fc.constantFrom(...fieldNames), nonString)
    .map(([fields, wrong, value]) => JSON.stringify({ ...fields, [wrong]: value })),
);

const segments = [
  '..', '.', '%2e%2e', '%2E%2E%2F', '%2f', '%5c', '\\', '%00', '%', '%zz', '//', ';', ';jsessionid=1', '%20', '+',
  '~', 'documents', 'members', 'versions', 'content', 'restore', 'sync-token', 'auth', 'users', 'me', 'health',
  '00000000-0000-0000-0000-000000000000', "'%20OR%201=1", '%C0%AE%C0%AE', '%E2%80%AE', '*', 'x'.repeat(300),
];

/** Paths under /api built from traversal, encoding and route-name pieces, plus the given ids. */
export function trickyPath(ids: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.constantFrom(...segments, ...ids), { minLength: 1, maxLength: 6 }), fc.constantFrom('', '/', '?a=1&a=2', '?token=x%00', '#frag'))
    .map(([parts, tail]) => `/api/${parts.join('/')}${tail}`);
}

export const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE');

/** Header lines of legal characters, some of them very large. */
export const headerLines: fc.Arbitrary<string[]> = fc.array(
  fc.oneof(
    fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), fc.stringMatching(/^[\x20-\x7e]{0,60}$/)).map(([k, v]) => `${k}: ${v}`),
    fc.integer({ min: 8 * 1024, max: 96 * 1024 }).map((size) => `X-Big: ${'b'.repeat(size)}`),
    fc.constantFrom('Content-Type: text/plain', 'Content-Type: application/json; charset=latin1', 'Authorization: Bearer', 'Authorization: Bearer a.b.c', 'Transfer-Encoding: gzip', 'Expect: 100-continue'),
  ),
  { maxLength: 4 },
);
