import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ); 100 on every Linux we run on. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) of a process, in microseconds, from /proc. */
export function processCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces: skip past its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000_000) / TICKS_PER_SECOND;
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
