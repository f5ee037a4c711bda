import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The node flags of an app's start script (`node <flags> dist/main.js` in its
 * package.json, which its image's command repeats), so that tests and the
 * benchmark run the app with the flags production runs it with.
 */
export function startScriptFlags(appDir: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = scripts?.start?.split(' ') ?? [];
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') {
    throw new Error(`${appDir}/package.json: the start script is not "node <flags> dist/main.js": ${scripts?.start}`);
  }
  return words.slice(1, -1);
}
