// The service worker (Workbox): keeps the app shell and the editor's code in Cache
// Storage so that reloading a document while offline still opens it (the text itself
// lives in IndexedDB). vite-plugin-pwa builds it and injects this build's file list.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const SHELL = '/index.html';
/** Never the service worker's business: the API and the live socket always go to the network. */
const NOT_APP = [/^\/api(\/|$)/, /^\/socket(\/|$)/];

// Every built file, hashed ones included, fetched once at install; a new build's list
// replaces the old cache entries that changed.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Pages: the network first, so a deploy shows at once; offline, the precached shell.
registerRoute(new NavigationRoute(new NetworkFirst({ cacheName: 'codesync-shell' }), { denylist: NOT_APP }));
setCatchHandler(async ({ request }) => {
  if (request.mode !== 'navigate') return Response.error();
  return (await matchPrecache(SHELL)) ?? Response.error();
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
