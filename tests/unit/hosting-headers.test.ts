/**
 * The static-host header files a trust deploys with: generated from src/pwa/security-headers.ts
 * (the one source), committed, and checked here to be current and to carry every header the
 * app's security depends on. UPDATE_HOSTING=1 rewrites them from the source.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyForMeta, nginxSecurityHeaders, SEAL_WORKER_TRUSTED_TYPES_POLICY, securityHeaders, staticHostHeaders, TRUSTED_TYPES_POLICY } from '../../src/pwa/security-headers';
import { SEAL_WORKER_TRUSTED_TYPES_POLICY as sealWorkerPolicyInStorage } from '../../src/storage/repositories/attendance-sealer';

const root = resolve(import.meta.dirname, '../..');
const hostFiles = [
  { path: 'public/_headers', make: staticHostHeaders },
  { path: 'docs/hosting/nginx-security-headers.conf', make: nginxSecurityHeaders },
];

describe.each(hostFiles)('$path', ({ path, make }) => {
  const file = resolve(root, path);
  if (process.env['UPDATE_HOSTING'] === '1') writeFileSync(file, make());

  it('is exactly what src/pwa/security-headers.ts generates', () => {
    expect(existsSync(file), `${path} is missing: run UPDATE_HOSTING=1 npx vitest run tests/unit/hosting-headers.test.ts`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(make());
  });

  it.each([
    ['the CSP with frame-ancestors none', /Content-Security-Policy:? "?default-src 'self';[^\n]*frame-ancestors 'none'/],
    ['the CSP requiring Trusted Types for script', /Content-Security-Policy:? "?[^\n]*require-trusted-types-for 'script'/],
    ['nosniff', /X-Content-Type-Options:? "?nosniff/],
    ['Referrer-Policy no-referrer', /Referrer-Policy:? "?no-referrer/],
    ['a Permissions-Policy that turns off camera, microphone and location', /Permissions-Policy:? "?camera=\(\), microphone=\(\), geolocation=\(\)/],
  ])('carries %s', (_what, pattern) => {
    expect(readFileSync(file, 'utf8')).toMatch(pattern);
  });
});

describe('the policy itself', () => {
  it('allows nothing but the app origin for script, style, connections and workers', () => {
    const policy = securityHeaders['Content-Security-Policy'] ?? '';
    for (const directive of ['script-src', 'style-src', 'connect-src', 'worker-src', 'default-src']) {
      expect(policy).toContain(`${directive} 'self';`);
    }
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('names exactly the Trusted Types policies the app creates: the service worker\'s and the seal worker\'s (storage names its own)', () => {
    const policy = securityHeaders['Content-Security-Policy'] ?? '';
    expect(policy.split('; ')).toContain(`trusted-types ${TRUSTED_TYPES_POLICY} ${SEAL_WORKER_TRUSTED_TYPES_POLICY}`);
    expect(SEAL_WORKER_TRUSTED_TYPES_POLICY).toBe(sealWorkerPolicyInStorage);
  });

  it('leaves frame-ancestors out of the <meta> copy (browsers ignore it there) and keeps the rest', () => {
    expect(contentSecurityPolicyForMeta).not.toContain('frame-ancestors');
    expect(contentSecurityPolicyForMeta).toContain("require-trusted-types-for 'script'");
    expect(contentSecurityPolicyForMeta).toContain("default-src 'self'");
  });
});
