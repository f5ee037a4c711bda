import { secureHeaders } from 'hono/secure-headers';

/**
 * The web app's Content-Security-Policy. Scripts and workers only from this
 * origin, no `unsafe-eval` and no inline script, so an injected `<script>` or
 * `eval` never runs. Inline styles are allowed: Monaco and the cursor labels
 * insert `<style>` elements. Sockets go to this origin's /socket.
 */
export const WEB_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** CSP and the other security headers (nosniff, no framing, no referrer across origins) on every page and asset. */
export function webSecurityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: WEB_CONTENT_SECURITY_POLICY,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    // HSTS is the HTTPS front's to send; pnpm start on a LAN is plain HTTP.
    strictTransportSecurity: false,
  });
}
