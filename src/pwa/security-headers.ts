/**
 * The app's security headers: the one source for every place that serves it.
 *
 * Owns: the Content-Security-Policy directives, the other response headers, the policy as a
 * `<meta>` (for pages served from the service-worker cache), and the two files a trust copies
 * to a static host: an nginx snippet and a `_headers` file (Netlify, Cloudflare Pages).
 * `vite.config.ts` (preview server and the built page) reads it; `tests/unit/hosting-headers.test.ts`
 * checks the committed host files are exactly what this module writes.
 *
 * Why each directive:
 * - everything from the app's own origin only: no third-party request, ever (PRODUCT.md §2.1);
 * - `require-trusted-types-for 'script'` and two named policies: a script-URL or HTML sink can
 *   only take a value our own code vetted, so an injected string cannot become script
 *   (SECURITY.md); the only sinks the app uses are the service-worker registration
 *   (`service-worker.ts`) and the seal worker (`storage/repositories/attendance-sealer.ts`),
 *   each through a policy that passes its one URL and nothing else;
 * - `frame-ancestors 'none'`: no other page can frame the app to trick a nurse into clicks. It
 *   works only as a header, so the `<meta>` copy leaves it out and `frame-guard.ts` covers hosts
 *   that send no headers.
 */

/** The Trusted Types policy for the service-worker script URL. */
export const TRUSTED_TYPES_POLICY = 'safeguarding-triage-sw';

/**
 * The policy the seal worker's script URL is made through: the same name as
 * SEAL_WORKER_TRUSTED_TYPES_POLICY in storage (which cannot import from here;
 * tests/unit/hosting-headers.test.ts checks the two agree).
 */
export const SEAL_WORKER_TRUSTED_TYPES_POLICY = 'safeguarding-triage-seal-worker';

export const contentSecurityPolicyDirectives: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  `trusted-types ${TRUSTED_TYPES_POLICY} ${SEAL_WORKER_TRUSTED_TYPES_POLICY}`,
];

export const contentSecurityPolicy = contentSecurityPolicyDirectives.join('; ');

/** The policy a `<meta>` can carry: browsers ignore `frame-ancestors` there. */
export const contentSecurityPolicyForMeta = contentSecurityPolicyDirectives.filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const generatedNotice = 'Generated from src/pwa/security-headers.ts: change that file, then run UPDATE_HOSTING=1 npx vitest run tests/unit/hosting-headers.test.ts';

/**
 * An nginx snippet of `add_header` lines, included in the `server { }` block that serves `dist/`
 * and again in any `location` that adds headers of its own (nginx does not inherit them there).
 */
export function nginxSecurityHeaders(): string {
  const lines = Object.entries(securityHeaders).map(([name, value]) => `add_header ${name} "${value}" always;`);
  return [`# ${generatedNotice}`, ...lines, ''].join('\n');
}

/** A `_headers` file (Netlify, Cloudflare Pages) placed at the root of `dist/`. */
export function staticHostHeaders(): string {
  const lines = Object.entries(securityHeaders).map(([name, value]) => `  ${name}: ${value}`);
  return [`# ${generatedNotice}`, '/*', ...lines, '/sw.js', '  Cache-Control: no-cache', ''].join('\n');
}
