import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { registerEventLoopDelay } from './event-loop-delay.js';

export interface SyncMetrics {
  registry: Registry;
  connections: Gauge;
  rooms: Gauge;
  updatesIn: Counter<'source'>;
  updatesOut: Counter;
  droppedUpdates: Counter<'reason'>;
  appendSeconds: Histogram;
  fanoutSeconds: Histogram;
  compactions: Counter<'result'>;
  closes: Counter<'code'>;
  errors: Counter<'kind'>;
  /** Log entries set aside because they would not load (SPEC 18). */
  setAside: Counter;
  /** Updates and awareness entries refused, by reason (SPEC 18–21). */
  refused: Counter<'reason'>;
}

const EVENT_LOOP_RESOLUTION_MS = 100;

/** Prometheus metrics of one sync runtime, on their own registry (served at /socket/metrics). */
export function createSyncMetrics(options: { defaultMetrics: boolean }): SyncMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) {
    // prom-client samples event-loop delay every 10 ms by default: 100 wake-ups a
    // second cost an idle process ~2 % of a core on a small VM. Every 100 ms still
    // catches the stalls that matter (a late timer is measured however late it is).
    collectDefaultMetrics({ register: registry, prefix: 'codesync_sync_', eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
    // prom-client's eventloop_lag_p* include that interval (an idle process reads 0.1 s): this is the delay itself.
    registerEventLoopDelay(registry, { prefix: 'codesync_sync_', resolutionMs: EVENT_LOOP_RESOLUTION_MS });
  }
  const registers = [registry];
  const buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
  return {
    registry,
    connections: new Gauge({ name: 'codesync_sync_connections', help: 'Open sockets', registers }),
    rooms: new Gauge({ name: 'codesync_sync_rooms', help: 'Rooms in memory', registers }),
    updatesIn: new Counter({
      name: 'codesync_sync_updates_in_total',
      help: 'Document updates accepted, by source (client, bus)',
      labelNames: ['source'],
      registers,
    }),
    updatesOut: new Counter({ name: 'codesync_sync_updates_out_total', help: 'Update messages sent to sockets', registers }),
    droppedUpdates: new Counter({
      name: 'codesync_sync_updates_dropped_total',
      help: 'Client updates dropped, by reason',
      labelNames: ['reason'],
      registers,
    }),
    appendSeconds: new Histogram({
      name: 'codesync_sync_append_seconds',
      help: 'Time to append an update to the log (XADD)',
      buckets,
      registers,
    }),
    fanoutSeconds: new Histogram({
      name: 'codesync_sync_fanout_seconds',
      help: 'Time to send one update to every local socket of its room',
      buckets,
      registers,
    }),
    compactions: new Counter({
      name: 'codesync_sync_compactions_total',
      help: 'Compactions by result (saved, empty, busy, failed)',
      labelNames: ['result'],
      registers,
    }),
    closes: new Counter({
      name: 'codesync_sync_closes_total',
      help: 'Sockets closed by the server, by close code',
      labelNames: ['code'],
      registers,
    }),
    errors: new Counter({ name: 'codesync_sync_errors_total', help: 'Errors by kind', labelNames: ['kind'], registers }),
    setAside: new Counter({ name: 'codesync_sync_set_aside_total', help: 'Log entries set aside because they would not load', registers }),
    refused: new Counter({
      name: 'codesync_sync_refused_total',
      help: 'Client updates and awareness entries refused, by reason',
      labelNames: ['reason'],
      registers,
    }),
  };
}
