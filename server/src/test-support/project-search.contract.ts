import { describe, expect, it } from 'vitest';
import type { ProjectSearchResultDto } from '@codesync/protocol';
import { replaceText } from '../services/document-state.js';
import type { ApiHarness, ErrorBody, TestUser } from './api-harness.js';

type Search = ProjectSearchResultDto & Partial<ErrorBody>;

async function search(h: ApiHarness, user: TestUser, projectId: string, params: Record<string, string>) {
  return h.request<Search>('GET', `/api/projects/${projectId}/search?${new URLSearchParams(params)}`, { token: user.accessToken });
}

/** Where each match is, as `path:line:column+length`. */
const places = (result: Search) =>
  result.files.flatMap((file) => file.matches.map((m) => `${file.path}:${m.line}:${m.column}+${m.length}`));

export function describeProjectSearchContract(harness: () => ApiHarness): void {
  describe('find in files (GET /api/projects/:id/search)', () => {
    async function project(files: Record<string, string>) {
      const h = harness();
      const ada = await h.signUp();
      const created = await h.createProject(ada);
      const ids: Record<string, string> = {};
      for (const [path, text] of Object.entries(files)) ids[path] = (await h.addFile(ada, created.id, path, text)).documentId!;
      return { h, ada, projectId: created.id, ids };
    }

    it('finds a text in every file, by path then line, with line previews; case ignored unless asked', async () => {
      const { h, ada, projectId } = await project({
        'src/b.ts': "import { greet } from './a';\ngreet('Ada');\n",
        'src/a.ts': 'export function greet(name: string) {\n  return `Hello ${name}`;\n}\n',
        'README.md': 'Call GREET to say hello.\n',
        'notes.txt': 'nothing here\n',
      });
      const response = await search(h, ada, projectId, { q: 'greet' });
      expect(response.status, response.text).toBe(200);
      expect(places(response.body)).toEqual(['README.md:1:6+5', 'src/a.ts:1:17+5', 'src/b.ts:1:10+5', 'src/b.ts:2:1+5']);
      expect(response.body.files[1]).toMatchObject({ path: 'src/a.ts', matches: [{ preview: 'export function greet(name: string) {', previewStart: 16 }] });
      expect(response.body).toMatchObject({ matchCount: 4, searchedFiles: 4, truncated: false });
      const exact = await search(h, ada, projectId, { q: 'GREET', caseSensitive: 'true' });
      expect(places(exact.body)).toEqual(['README.md:1:6+5']);
      const word = await search(h, ada, projectId, { q: 'hello', wholeWord: 'true' });
      expect(places(word.body)).toEqual(['README.md:1:19+5', 'src/a.ts:2:11+5']);
    });

    it('searches the current text: edits not yet compacted are found, and moved files under their new path', async () => {
      const { h, ada, projectId, ids } = await project({ 'src/a.ts': 'const before = 1;\n' });
      await replaceText(h.bus, h.store, ids['src/a.ts']!, 'const after = 2;\nconst more = after;\n', 'test');
      await h.request('PATCH', `/api/projects/${projectId}/files`, { token: ada.accessToken, json: { from: 'src', to: 'lib' } });
      const response = await search(h, ada, projectId, { q: 'after' });
      expect(places(response.body)).toEqual(['lib/a.ts:1:7+5', 'lib/a.ts:2:14+5']);
      expect((await search(h, ada, projectId, { q: 'before' })).body.files).toEqual([]);
    });

    it('reads q literally unless regex=true, and then as an RE2 pattern', async () => {
      const { h, ada, projectId } = await project({ 'a.ts': 'call(a.b);\ncall(axb);\nconst x = 12;\n' });
      expect(places((await search(h, ada, projectId, { q: 'a.b)' })).body)).toEqual(['a.ts:1:6+4']);
      expect(places((await search(h, ada, projectId, { q: 'a.b\\)', regex: 'true' })).body)).toEqual(['a.ts:1:6+4', 'a.ts:2:6+4']);
      expect(places((await search(h, ada, projectId, { q: '^const \\w+ = \\d+', regex: '1' })).body)).toEqual(['a.ts:3:1+12']);
    });

    it.each([
      ['(unclosed', 'missing closing )'],
      ['(?=lookahead)', 'invalid or unsupported Perl syntax'],
      ['(a)\\1', 'invalid escape sequence'],
    ])('refuses the pattern %j with 400 invalid_regex naming why', async (pattern, reason) => {
      const { h, ada, projectId } = await project({ 'a.ts': 'x' });
      const response = await search(h, ada, projectId, { q: pattern, regex: 'true' });
      expect([response.status, response.body.error!.code]).toEqual([400, 'invalid_regex']);
      expect(response.body.error!.message).toContain(reason);
    });

    it('a pattern that makes a backtracking engine take forever answers at once (RE2 is linear)', async () => {
      // With JavaScript's RegExp, (a+)+$ over 'aaaa…!' takes exponential time and would stall the process.
      const { h, ada, projectId } = await project({ 'a.ts': `${'a'.repeat(5000)}!\n`.repeat(20) });
      const response = await search(h, ada, projectId, { q: '(a+)+$', regex: 'true' });
      expect(response.status, response.text).toBe(200);
      expect(response.body.files).toEqual([]);
    });

    it('stops at maxResults and says the answer is truncated', async () => {
      const { h, ada, projectId } = await project({ 'a.ts': 'x\nx\n', 'b.ts': 'x\nx\n', 'c.ts': 'y\n' });
      const capped = await search(h, ada, projectId, { q: 'x', maxResults: '3' });
      expect(places(capped.body)).toEqual(['a.ts:1:1+1', 'a.ts:2:1+1', 'b.ts:1:1+1']);
      expect(capped.body).toMatchObject({ matchCount: 3, truncated: true });
      const exact = await search(h, ada, projectId, { q: 'x', maxResults: '4' });
      expect(exact.body).toMatchObject({ matchCount: 4, truncated: false, searchedFiles: 3 });
    });

    it('cuts a long line to a preview around the match', async () => {
      const { h, ada, projectId } = await project({ 'min.js': `${'a'.repeat(10_000)}needle${'b'.repeat(10_000)}` });
      const [match] = (await search(h, ada, projectId, { q: 'needle' })).body.files[0]!.matches;
      expect(match).toMatchObject({ line: 1, column: 10_001, length: 6 });
      expect(match!.preview.length).toBeLessThanOrEqual(240);
      expect(match!.preview.slice(match!.previewStart, match!.previewStart + 6)).toBe('needle');
    });

    it.each([
      ['no q', {}, 'q'],
      ['an empty q', { q: '' }, 'q'],
      ['a q of 1001 characters', { q: 'x'.repeat(1001) }, 'q'],
      ['maxResults 0', { q: 'x', maxResults: '0' }, 'maxResults'],
      ['maxResults "many"', { q: 'x', maxResults: 'many' }, 'maxResults'],
      ['maxResults over 5000', { q: 'x', maxResults: '5001' }, 'maxResults'],
      ['regex "yes"', { q: 'x', regex: 'yes' }, 'regex'],
      ['an unknown parameter', { q: 'x', unknown: '1' }, ''],
    ])('refuses %s with 400 invalid_query naming the parameter', async (_label, params, field) => {
      const { h, ada, projectId } = await project({ 'a.ts': 'x' });
      const response = await search(h, ada, projectId, params as Record<string, string>);
      expect([response.status, response.body.error!.code]).toEqual([400, 'invalid_query']);
      expect(response.body.error!.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    });

    it('a viewer may search; a stranger learns nothing (404)', async () => {
      const { h, ada, projectId } = await project({ 'a.ts': 'secret = 1' });
      const [viewer, stranger] = [await h.signUp(), await h.signUp()];
      await h.shareProject(ada, projectId, viewer, 'viewer');
      expect(places((await search(h, viewer, projectId, { q: 'secret' })).body)).toEqual(['a.ts:1:1+6']);
      const refused = await search(h, stranger, projectId, { q: 'secret' });
      expect([refused.status, refused.body.error!.code]).toEqual([404, 'project_not_found']);
    });
  });
}
