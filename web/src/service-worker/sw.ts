// The service worker (Workbox): keeps the app shell and the editor's code in Cache
// Storage so that reloading a document while offline still opens it (the text itself
// lives in IndexedDB). vite-plugin-pwa builds it and injects this build's file list.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const SHELL = '/index.html';
/** Never the service worker's business: the API and the live socket always go to the network. */
const NOT_APP = [/^\/api(\/|$)/, /^\/socket(\/|$)/];

// Pages: from the network, so a deploy shows at once; offline, the precached shell
// (every client-side route is the same index.html, so nothing is cached per URL).
// Registered first: the first matching route wins, and "/" is also in the precache.
registerRoute(new NavigationRoute(new NetworkOnly(), { denylist: NOT_APP }));

// Every built file, hashed ones included, fetched once at install; a new build's list
// replaces the old cache entries that changed.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

setCatchHandler(async ({ request }) => {
  if (request.mode !== 'navigate') return Response.error();
  return (await matchPrecache(SHELL)) ?? Response.error();
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
