// The service worker: keeps the app shell and the editor's code in Cache Storage so
// that reloading a document while offline still opens it (the text itself lives in
// IndexedDB). Built as its own entry; the build replaces the manifest placeholder.

const sw = self as unknown as ServiceWorkerGlobalScope;
const precache: string[] = JSON.parse('__CODESYNC_PRECACHE__') as string[];
const CACHE = `codesync-${'__CODESYNC_BUILD__'}`;
const SHELL = '/';

function isAppAsset(url: URL): boolean {
  return url.origin === sw.location.origin && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/socket');
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...precache]))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('codesync-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => sw.clients.claim()),
  );
});

async function networkFirstShell(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(SHELL, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed file names never change content, so what we fetched is good forever.
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    await (await caches.open(CACHE)).put(request, response.clone());
  }
  return response;
}

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !isAppAsset(url)) return;
  event.respondWith(event.request.mode === 'navigate' ? networkFirstShell(event.request) : cacheFirst(event.request));
});
