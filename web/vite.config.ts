import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precacheManifest, SERVICE_WORKER_ENTRY } from './build/precache-plugin.ts';

// monaco-editor >= 0.56 maps `./*` to `./esm/vs/*` in its exports, so y-monaco's deep
// import `monaco-editor/esm/vs/editor/editor.api.js` no longer resolves: point it at the file.
const monacoApi = fileURLToPath(
  new URL('./node_modules/monaco-editor/esm/vs/editor/editor.api.js', import.meta.url),
);

// Where `pnpm start` (or the API and sync behind one proxy) listens during `vite` dev.
const api = process.env.CODESYNC_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), precacheManifest()],
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/editor\/editor\.api(\.js)?$/, replacement: monacoApi }],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        [SERVICE_WORKER_ENTRY]: fileURLToPath(new URL('./src/service-worker/sw.ts', import.meta.url)),
      },
      output: {
        // The service worker must sit at the root, under a name that never changes.
        entryFileNames: (chunk) => (chunk.name === SERVICE_WORKER_ENTRY ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/socket': { target: api, changeOrigin: true, ws: true },
    },
  },
});
