import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** A patch: at `position`, delete `deleteCount` characters, then insert `text`. */
export type TracePatch = [position: number, deleteCount: number, text: string];

export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { time: string; patches: TracePatch[] }[];
}

export interface ConcurrentTrace {
  kind: 'concurrent';
  endContent: string;
  numAgents: number;
  txns: { parents: number[]; agent: number; time: string; patches: TracePatch[] }[];
}

/**
 * `shared/traces` beside the repository (CI clones main with shared/ next to
 * it), or CODESYNC_TRACES_DIR (a checkout elsewhere, such as a git worktree).
 */
export const TRACES_DIR =
  process.env.CODESYNC_TRACES_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/traces');

export function traceAvailable(name: string): boolean {
  return existsSync(path.join(TRACES_DIR, `${name}.json.gz`));
}

export function loadTrace<T = SequentialTrace>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(path.join(TRACES_DIR, `${name}.json.gz`))).toString('utf8')) as T;
}
