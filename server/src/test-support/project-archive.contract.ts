import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ProjectEntryDto } from '@codesync/protocol';
import type { ApiHarness, HarnessOptions } from './api-harness.js';
import { filesOf, pathsOf, textOf } from './projects.contract.js';

type Import = { entries: ProjectEntryDto[]; skipped: { path: string; reason: string }[] };
const ZIP = { 'content-type': 'application/zip' };

function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  const input: Zippable = {};
  for (const [path, data] of Object.entries(files)) input[path] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(input);
}

export function describeProjectArchiveContract(
  harness: () => ApiHarness,
  another: (options: Omit<HarnessOptions, 'database'>) => Promise<ApiHarness>,
): void {
  describe('project archives', () => {
    it('round-trips: export, import into a new project, identical texts and tree', async () => {
      const h = harness();
      const ada = await h.signUp();
      const source = await h.createProject(ada, 'Source / project');
      await h.addFile(ada, source.id, 'src/a.ts', 'export const a = "é ✓";\n');
      await h.addFile(ada, source.id, 'src/b.ts', "import { a } from './a';\n");
      await h.addFile(ada, source.id, 'README.md', '');
      await h.addFile(ada, source.id, 'empty/folder', undefined, 'folder');
      const file = (await filesOf(h, ada, source.id)).entries.find((e) => e.path === 'src/b.ts');
      // An edit not yet compacted into a snapshot is in the export (merged as /content is).
      await h.request('POST', `/api/projects/${source.id}/archive`, { token: ada.accessToken, raw: zipOf({ 'src/b.ts': 'changed\n' }), headers: ZIP });
      expect(await textOf(h, ada, file!.documentId!)).toBe('changed\n');
      const exported = await h.request('GET', `/api/projects/${source.id}/archive`, { token: ada.accessToken });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('application/zip');
      expect(exported.headers.get('content-disposition')).toBe('attachment; filename="Source-project.zip"');
      const unzipped = unzipSync(exported.bytes);
      expect(new TextDecoder().decode(unzipped['src/b.ts'])).toBe('changed\n');

      const copy = await h.createProject(ada, 'Copy');
      const imported = await h.request<Import>('POST', `/api/projects/${copy.id}/archive`, { token: ada.accessToken, raw: exported.bytes, headers: ZIP });
      expect(imported.status, imported.text).toBe(201);
      const [before, after] = [await filesOf(h, ada, source.id), await filesOf(h, ada, copy.id)];
      expect(pathsOf(after)).toEqual(pathsOf(before));
      for (const entry of before.entries.filter((e) => e.kind === 'file')) {
        const twin = after.entries.find((e) => e.path === entry.path);
        expect(twin?.documentId).not.toBe(entry.documentId);
        expect(await textOf(h, ada, twin!.documentId!)).toBe(await textOf(h, ada, entry.documentId!));
      }
    });

    it('gives an existing path the archive text as an edit, and skips binary files', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const a = await h.addFile(ada, project.id, 'a.ts', 'old');
      const zip = zipOf({ 'a.ts': 'new', 'img.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]) });
      const response = await h.request<Import>('POST', `/api/projects/${project.id}/archive`, { token: ada.accessToken, raw: zip, headers: ZIP });
      expect(response.status, response.text).toBe(201);
      expect(response.body.skipped).toEqual([{ path: 'img.png', reason: 'binary' }]);
      expect(await textOf(h, ada, a.documentId!)).toBe('new');
      expect(pathsOf(await filesOf(h, ada, project.id))).toEqual(['F a.ts']);
    });

    it.each([
      ['../evil.ts', 'dot_segment'],
      ['a/../../evil.ts', 'dot_segment'],
      ['/abs.ts', 'leading_slash'],
    ])('refuses an archive holding %j (400, rule %s) and imports nothing of it', async (bad, rule) => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const zip = zipOf({ 'fine.ts': 'ok', [bad]: 'evil' });
      const response = await h.request('POST', `/api/projects/${project.id}/archive`, { token: ada.accessToken, raw: zip, headers: ZIP });
      expect([response.status, response.body.error.code]).toEqual([400, 'invalid_path']);
      expect(response.body.error.details).toMatchObject({ rule });
      expect((await filesOf(h, ada, project.id)).entries).toEqual([]);
    });

    it('refuses a zip bomb with 413, even one whose headers understate its size', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const bomb = zipOf({ 'fine.ts': 'ok', 'bomb.txt': new Uint8Array(50 * 1024 * 1024).fill(0x61) });
      expect(bomb.byteLength).toBeLessThan(200 * 1024);
      // The local header's uncompressed size (offset 22) of the second entry, rewritten to 10 bytes.
      const second = bomb.indexOf(0x50, 30 + 'fine.ts'.length);
      new DataView(bomb.buffer, bomb.byteOffset).setUint32(second + 22, 10, true);
      const response = await h.request('POST', `/api/projects/${project.id}/archive`, { token: ada.accessToken, raw: bomb, headers: ZIP });
      expect([response.status, response.body.error.code]).toEqual([413, 'archive_too_large']);
      expect((await filesOf(h, ada, project.id)).entries).toEqual([]);
    });

    it('refuses what is not a zip with 400 and a wrong media type with 415', async () => {
      const h = harness();
      const ada = await h.signUp();
      const project = await h.createProject(ada);
      const garbage = await h.request('POST', `/api/projects/${project.id}/archive`, { token: ada.accessToken, raw: 'not a zip at all', headers: ZIP });
      expect([garbage.status, garbage.body.error.code]).toEqual([400, 'invalid_archive']);
      const json = await h.request('POST', `/api/projects/${project.id}/archive`, { token: ada.accessToken, json: {} });
      expect([json.status, json.body.error.code]).toEqual([415, 'unsupported_media_type']);
    });

    it('keeps to the per-project file and size limits, and counts files against the owner', async () => {
      const limited = await another({ env: { PROJECT_MAX_FILES: '2', PROJECT_MAX_BYTES: '1000', MAX_DOCUMENTS_PER_USER: '3' } });
      try {
        const ada = await limited.signUp();
        const project = await limited.createProject(ada);
        const zip = zipOf({ 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c' });
        const many = await limited.request('POST', `/api/projects/${project.id}/archive`, { token: ada.accessToken, raw: zip, headers: ZIP });
        expect([many.status, many.body.error.code]).toEqual([413, 'project_limit']);
        expect((await filesOf(limited, ada, project.id)).entries).toEqual([]);
        const big = await limited.request('POST', `/api/projects/${project.id}/files`, { token: ada.accessToken, json: { path: 'big.ts', content: 'x'.repeat(1001) } });
        expect([big.status, big.body.error.code]).toEqual([413, 'project_limit']);
        await limited.addFile(ada, project.id, 'one.ts', '1');
        await limited.createDocument(ada);
        await limited.createDocument(ada);
        const over = await limited.request('POST', `/api/projects/${project.id}/files`, { token: ada.accessToken, json: { path: 'two.ts' } });
        expect([over.status, over.body.error.code]).toEqual([413, 'project_limit']);
        const standalone = await limited.request('POST', '/api/documents', { token: ada.accessToken, json: { title: 't', language: 'go' } });
        expect([standalone.status, standalone.body.error.code]).toEqual([413, 'document_limit']);
      } finally {
        await limited.close();
      }
    });
  });
}
