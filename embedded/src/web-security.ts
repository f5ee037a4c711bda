import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { webContentSecurityPolicy } from '@codesync/protocol';

const CSP = webContentSecurityPolicy();

/** CSP (packages/protocol, shared with the CDN) and the other security headers on every page and asset. */
export function webSecurityHeaders() {
  const headers = secureHeaders({
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    // HSTS is the HTTPS front's to send; pnpm start on a LAN is plain HTTP.
    strictTransportSecurity: false,
  });
  return createMiddleware(async (c, next) => {
    await headers(c, async () => {
      await next();
      c.header('Content-Security-Policy', CSP);
    });
  });
}
