/** Installs the service worker that makes an offline reload work (production builds only). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('codesync: service worker not installed; offline reload will not work', error);
    });
  });
}
