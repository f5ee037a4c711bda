// Measures a project of FILES files against a running API:
//   BASE_URL=http://127.0.0.1:3000 pnpm --filter @codesync/server run load:projects
// Seeds one project (one zip import of FILES files of FILE_BYTES each), runs autocannon on
// `GET /api/projects/:id/files` for DURATION seconds, then times EXPORTS archive downloads and
// SEARCHES runs of each find-in-files query below (GET /api/projects/:id/search).
import { strToU8, zipSync, type Zippable } from 'fflate';
import autocannon from 'autocannon';
import { base, post, signUp } from './load-client.js';

const files = Number(process.env.FILES ?? 1000);
const fileBytes = Number(process.env.FILE_BYTES ?? 10 * 1024);
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);
const exports = Number(process.env.EXPORTS ?? 3);
const searches = Number(process.env.SEARCHES ?? 3);

/** Queries that scan every file (no match, a rare match, a regex) and one that stops at the cap. */
const searchQueries: Record<string, string>[] = [
  { q: 'no such text anywhere' },
  { q: 'value_999_0 ', caseSensitive: 'true' },
  { q: 'value_\\d+_7\\b = 1\\d{5};', regex: 'true' },
  { q: 'export const' },
];

/** Source-like text of about `bytes` bytes, different per file. */
function sourceText(i: number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n += 1) {
    const line = `export const value_${i}_${n} = ${(i * 7919 + n * 104729) % 1000003}; // line ${n}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('').slice(0, bytes);
}

async function seed(token: string): Promise<string> {
  const { project } = await post<{ project: { id: string } }>('/api/projects', { name: 'load' }, token);
  const zip: Zippable = {};
  for (let i = 0; i < files; i += 1) zip[`src/dir${i % 20}/file-${i}.ts`] = strToU8(sourceText(i, fileBytes));
  const started = performance.now();
  const response = await fetch(`${base}/api/projects/${project.id}/archive`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: zipSync(zip),
  });
  if (response.status !== 201) throw new Error(`import: ${response.status} ${await response.text()}`);
  process.stderr.write(`imported ${files} files in ${Math.round(performance.now() - started)} ms\n`);
  return project.id;
}

async function timeSearch(projectId: string, query: Record<string, string>, token: string) {
  const started = performance.now();
  const response = await fetch(`${base}/api/projects/${projectId}/search?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { matchCount: number; searchedFiles: number; truncated: boolean };
  if (response.status !== 200) throw new Error(`search: ${response.status} ${JSON.stringify(body)}`);
  return { ms: Math.round(performance.now() - started), matches: body.matchCount, searchedFiles: body.searchedFiles, truncated: body.truncated };
}

async function timeExport(url: string, token: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== 200) throw new Error(`export: ${response.status}`);
  return { ms: Math.round(performance.now() - started), bytes };
}

const token = await signUp();
const projectId = await seed(token);
const url = `${base}/api/projects/${projectId}/files`;
const result = await autocannon({ url, headers: { authorization: `Bearer ${token}` }, connections, duration });
const exportRuns: { ms: number; bytes: number }[] = [];
for (let i = 0; i < exports; i += 1) exportRuns.push(await timeExport(`${base}/api/projects/${projectId}/archive`, token));
const searchRuns = [];
for (const query of searchQueries) {
  const runs = [];
  for (let i = 0; i < searches; i += 1) runs.push(await timeSearch(projectId, query, token));
  searchRuns.push({ query, runs });
}
const summary = {
  url,
  files,
  fileBytes,
  connections,
  durationSeconds: duration,
  filesRoute: {
    requestsPerSecond: { average: result.requests.average, p50: result.requests.p50 },
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    total: result.requests.total,
    non2xx: result.non2xx,
  },
  archiveExport: exportRuns,
  search: searchRuns,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
