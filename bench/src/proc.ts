import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of a process (every live thread: main, libuv pool, GC and JIT
 * helpers), in microseconds. From each thread's schedstat, the scheduler's
 * own run-time count in nanoseconds: /proc/<pid>/stat counts 10 ms ticks,
 * which overcharges a process whose short bursts start on a tick.
 */
export function processCpuMicros(pid: number): number {
  let nanos = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanos += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch (error) {
      // A thread that ended between the listing and the read: its time is gone with it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return nanos / 1000;
}

/** Resident set size of a process, in bytes. */
export function processRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : 0;
}

export interface CpuMeter {
  /** CPU µs each process used since the meter started. */
  stop(): { micros: number[]; selfMicros: number; wallMs: number };
}

/** Measures the CPU of server processes and of this (generator) process over one window. */
export function startCpuMeter(pids: number[]): CpuMeter {
  const start = pids.map(processCpuMicros);
  const self = process.cpuUsage();
  const wall = performance.now();
  return {
    stop() {
      const used = process.cpuUsage(self);
      return {
        micros: pids.map((pid, i) => processCpuMicros(pid) - (start[i] ?? 0)),
        selfMicros: used.user + used.system,
        wallMs: performance.now() - wall,
      };
    },
  };
}
