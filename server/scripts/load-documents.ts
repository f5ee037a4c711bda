// Measures `GET /api/documents` requests/s against a running API:
//   BASE_URL=http://127.0.0.1:3000 pnpm --filter @codesync/server run load
// Seeds one user owning DOCUMENTS documents, then runs autocannon for DURATION seconds.
import autocannon from 'autocannon';
import { base, post, signUp } from './load-client.js';

const documents = Number(process.env.DOCUMENTS ?? 20);
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);

async function seed(): Promise<string> {
  const accessToken = await signUp();
  for (let i = 0; i < documents; i += 1) {
    await post('/api/documents', { title: `file-${i}.ts`, language: 'typescript', content: `// ${i}\n` }, accessToken);
  }
  return accessToken;
}

const token = await seed();
const result = await autocannon({
  url: `${base}/api/documents`,
  headers: { authorization: `Bearer ${token}` },
  connections,
  duration,
});
const summary = {
  url: `${base}/api/documents`,
  documents,
  connections,
  durationSeconds: duration,
  requestsPerSecond: { average: result.requests.average, p50: result.requests.p50 },
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
