import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppProcess, type AppProcess } from '@codesync/testing';

const syncDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildSync extends AppProcess {
  url: string;
}

/** A real `pnpm start:sync` process (same entry point), configured by environment. */
export async function startChildSync(env: Record<string, string>, port?: number): Promise<ChildSync> {
  const child = await startAppProcess({ cwd: syncDir, env, healthPath: '/socket/health', port });
  return { ...child, url: `ws://127.0.0.1:${child.port}` };
}

export const killHard = (child: ChildSync): Promise<void> => child.kill();
