/**
 * The web app's Content-Security-Policy, one definition for every server of it
 * (`pnpm start`, and CloudFront in `infra/`). Scripts and workers only from the
 * app's origin, no inline script and no `unsafe-eval`, so an injected `<script>`
 * or `eval` never runs. Inline styles are allowed: Monaco and the cursor labels
 * insert `<style>` elements. Sockets and API calls go to the same origin.
 */
export const WEB_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** The header value: `default-src 'self'; script-src 'self'; …`. */
export function webContentSecurityPolicy(): string {
  return Object.entries(WEB_CSP_DIRECTIVES)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
