import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export const SERVICE_WORKER_ENTRY = 'sw';

/**
 * Writes the list of built files into the service worker, so that it can precache
 * exactly this build, and a build id so that a new build replaces the old cache.
 */
export function precacheManifest(): Plugin {
  return {
    name: 'codesync-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map') && name !== 'sw.js' && name !== 'index.html')
        .sort()
        .map((name) => `/${name}`);
      const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('service worker entry sw.js missing from the bundle');
      const replaced = sw.code
        .replace(/(["'`])__CODESYNC_PRECACHE__\1/, JSON.stringify(JSON.stringify(files)))
        .replace(/__CODESYNC_BUILD__/, build);
      if (replaced === sw.code || replaced.includes('__CODESYNC_')) throw new Error('service worker placeholders not found');
      sw.code = replaced;
    },
  };
}
