import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

// monaco-editor >= 0.56 maps `./*` to `./esm/vs/*` in its exports, so y-monaco's deep
// import `monaco-editor/esm/vs/editor/editor.api.js` no longer resolves: point it at the file.
const monacoApi = fileURLToPath(
  new URL('./node_modules/monaco-editor/esm/vs/editor/editor.api.js', import.meta.url),
);

// Where `pnpm start` (or the API and sync behind one proxy) listens during `vite` dev.
const api = process.env.CODESYNC_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    // src/service-worker/sw.ts, built to /sw.js with this build's precache list injected.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/service-worker',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,ttf,woff2,wasm}'],
        // Monaco's languages and workers are large; the whole editor must be there offline.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      },
    }),
    // Brotli and gzip copies built once, served by `pnpm start` (and any static host) when asked.
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|json|ttf|wasm|map)$/ }),
  ],
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/editor\/editor\.api(\.js)?$/, replacement: monacoApi }],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
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
