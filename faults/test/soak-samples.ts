import type { AppProcess } from './processes.js';
import { metricValues } from './metrics.js';

/** One scrape of one sync process's /socket/metrics. */
export interface Sample {
  at: number;
  rssMb: number;
  /** V8 heap in use: the rooms' documents live here (and the sockets, maps, closures). */
  heapUsedMb: number;
  /** Memory outside the V8 heap that JS objects own (Buffers, Uint8Arrays: updates, socket frames). */
  externalMb: number;
  /** Event-loop delay p99 since the previous scrape, beyond the sampling interval (the delay itself). */
  eldP99Ms: number;
  eldMaxMs: number;
  /** prom-client's p99, which includes its 100 ms sampling interval (what the figures were). */
  lagP99Ms: number;
  cpuSeconds: number;
}

const MB = 2 ** 20;

export async function sampleInstance(instance: AppProcess): Promise<Sample> {
  const url = `http://127.0.0.1:${instance.port}/socket/metrics`;
  const [rss = 0, heap = 0, external = 0, eld = 0, eldMax = 0, lag = 0, cpu = 0] = await metricValues(url, [
    'codesync_sync_process_resident_memory_bytes',
    'codesync_sync_nodejs_heap_size_used_bytes',
    'codesync_sync_nodejs_external_memory_bytes',
    'codesync_sync_eventloop_delay_p99_seconds',
    'codesync_sync_eventloop_delay_max_seconds',
    'codesync_sync_nodejs_eventloop_lag_p99_seconds',
    'codesync_sync_process_cpu_seconds_total',
  ]);
  return {
    at: performance.now(),
    rssMb: rss / MB,
    heapUsedMb: heap / MB,
    externalMb: external / MB,
    eldP99Ms: eld * 1000,
    eldMaxMs: eldMax * 1000,
    lagP99Ms: lag * 1000,
    cpuSeconds: cpu,
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const max = (values: number[]) => Math.max(0, ...values);
const round = Math.round;

/** A process's CPU use over the run, in % of one core (from its cumulative CPU seconds). */
function cpuPercent(series: Sample[]): number {
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last || last.at === first.at) return 0;
  return (100 * (last.cpuSeconds - first.cpuSeconds)) / ((last.at - first.at) / 1000);
}

/**
 * The soak's figures from its samples (`samples[t][instance]`): over both
 * processes, and per process as "a / b". The first scrape is left out of the
 * first half (it caught the processes fresh from the clients' joining).
 */
export function summarise(samples: Sample[][]): Record<string, number | string> {
  const instances = samples[0]?.length ?? 0;
  const half = Math.floor(samples.length / 2);
  const firstHalf = samples.slice(1, half).flat();
  const secondHalf = samples.slice(half).flat();
  const flat = samples.flat();
  const byInstance = Array.from({ length: instances }, (_, i) => samples.map((row) => row[i]!));
  const each = (f: (series: Sample[]) => number) => byInstance.map((series) => round(f(series))).join(' / ');
  // Where the longest stall was (instance, seconds into the run): to line it up with a profile or the machine's load.
  const worst = flat.reduce((a, b) => (b.eldMaxMs > a.eldMaxMs ? b : a), flat[0]!);
  const worstRow = samples.find((row) => row.includes(worst));
  return {
    eldMaxWhere: `instance ${worstRow?.indexOf(worst) ?? -1} at ${round((worst.at - (flat[0]?.at ?? 0)) / 1000)} s`,
    eldP99MeanMs: round(mean(flat.map((s) => s.eldP99Ms))),
    eldP99MaxMs: round(max(flat.map((s) => s.eldP99Ms))),
    eldMaxMs: round(max(flat.map((s) => s.eldMaxMs))),
    lagP99MeanMs: round(mean(flat.map((s) => s.lagP99Ms))),
    eldP99MeanMsEach: each((s) => mean(s.map((x) => x.eldP99Ms))),
    eldP99MaxMsEach: each((s) => max(s.map((x) => x.eldP99Ms))),
    cpuPercentEach: each(cpuPercent),
    rssFirstHalfMb: round(mean(firstHalf.map((s) => s.rssMb))),
    rssSecondHalfMb: round(mean(secondHalf.map((s) => s.rssMb))),
    rssMaxMb: round(max(flat.map((s) => s.rssMb))),
    heapFirstHalfMb: round(mean(firstHalf.map((s) => s.heapUsedMb))),
    heapSecondHalfMb: round(mean(secondHalf.map((s) => s.heapUsedMb))),
    heapMaxMb: round(max(flat.map((s) => s.heapUsedMb))),
    externalSecondHalfMb: round(mean(secondHalf.map((s) => s.externalMb))),
    rssLastMbEach: each((s) => s.at(-1)?.rssMb ?? 0),
    heapLastMbEach: each((s) => s.at(-1)?.heapUsedMb ?? 0),
  };
}

/** Mean RSS of the first and second halves (what the stability assertion compares). */
export function rssHalves(samples: Sample[][]): { first: number; second: number } {
  const half = Math.floor(samples.length / 2);
  return {
    first: mean(samples.slice(1, half).flat().map((s) => s.rssMb)),
    second: mean(samples.slice(half).flat().map((s) => s.rssMb)),
  };
}
