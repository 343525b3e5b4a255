import { describe, expect, it } from 'vitest';
import { buildVersion } from './build-version';

describe('buildVersion', () => {
  it("names the build by the page's precache revision, which changes with every build", () => {
    const manifest = [{ url: 'assets/index-abc.js', revision: null }, { url: 'index.html', revision: 'feedfacefeedface0123' }];
    expect(buildVersion('0.1.0', manifest)).toBe('0.1.0 (build feedface)');
  });

  it('falls back to the package version when the page has no revision', () => {
    expect(buildVersion('0.1.0', ['index.html', { url: 'sw.js' }])).toBe('0.1.0');
  });
});
