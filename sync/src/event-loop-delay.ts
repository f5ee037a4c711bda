import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

/** What the gauges read of a `monitorEventLoopDelay` histogram (nanoseconds). */
export interface DelayHistogram {
  readonly count: number;
  readonly max: number;
  percentile(percentile: number): number;
  reset(): void;
}

/**
 * Event-loop delay since the previous scrape, as `…_eventloop_delay_p99_seconds`
 * and `…_eventloop_delay_max_seconds`: how late the loop was, without the
 * sampling interval. Node's histogram records the time between two samples,
 * so prom-client's `nodejs_eventloop_lag_p99_seconds` reads at least its
 * interval: 0.1 s on an idle process sampled every 100 ms (the soak reported
 * 105 ms where the loop was 5 ms late).
 */
export function registerEventLoopDelay(
  registry: Registry,
  options: { prefix: string; resolutionMs: number; histogram?: DelayHistogram },
): void {
  const { resolutionMs } = options;
  const histogram =
    options.histogram ??
    (() => {
      const monitor = monitorEventLoopDelay({ resolution: resolutionMs });
      monitor.enable();
      return monitor;
    })();
  const lateSeconds = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs) / 1000;
  const registers = [registry];
  // prom-client collects gauges in registration order: p99's collect also sets max, then starts a new interval.
  new Gauge({
    name: `${options.prefix}eventloop_delay_p99_seconds`,
    help: 'Event-loop delay since the last scrape, 99th percentile, beyond the sampling interval',
    registers,
    collect() {
      const sampled = histogram.count > 0;
      this.set(sampled ? lateSeconds(histogram.percentile(99)) : 0);
      max.set(sampled ? lateSeconds(histogram.max) : 0);
      histogram.reset();
    },
  });
  const max = new Gauge({
    name: `${options.prefix}eventloop_delay_max_seconds`,
    help: 'Event-loop delay since the last scrape, longest, beyond the sampling interval',
    registers,
  });
}
