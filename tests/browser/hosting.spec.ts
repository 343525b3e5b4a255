/**
 * Hosting hardening in the real browser: the Trusted Types directive is enforced and the
 * service worker still controls the page under it; a copy of the app framed by another page
 * (a host that ignores frame-ancestors) renders nothing of the app.
 */
import { expect, test } from '@playwright/test';
import { setUpTablet, waitForServiceWorker } from './support';

test('Trusted Types are required, the one policy registers the service worker, and it controls the page offline', async ({ page, context }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { reportViolation: (directive: string) => Promise<void> }).reportViolation(`${event.effectiveDirective} ${event.sample}`);
    });
  });

  const response = await page.goto('/');
  const header = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(header).toContain("require-trusted-types-for 'script'");
  expect(header).toContain('trusted-types safeguarding-triage-sw safeguarding-triage-seal-worker');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /require-trusted-types-for 'script'/);

  await waitForServiceWorker(page);
  await setUpTablet(page);

  // An injected string cannot reach a script sink: the browser refuses it.
  const refused = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<img src=x onerror="document.title=1">';
      return 'accepted';
    } catch (error) {
      return error instanceof TypeError ? 'refused' : 'other error';
    }
  });
  expect(refused).toBe('refused');

  // Offline, the service worker serves the app shell under the same policy.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '')).toMatch(/\/sw\.js$/);
  await context.setOffline(false);

  // The only violations are the injection this test provoked (reported once by the header's
  // policy and once by the <meta> copy): the app itself never hands a sink a plain string.
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation).toMatch(/^require-trusted-types-for Element innerHTML\|<img src=x/);
});

test('framed by a page on a host that ignores frame-ancestors, the app shows only a way out', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  // A host that sends no headers: serve the app page without them, inside another page.
  await page.route(`${origin}/`, async (route) => {
    const upstream = await route.fetch();
    await route.fulfill({ status: 200, contentType: 'text/html', body: await upstream.text() });
  });
  await page.route(`${origin}/framing-page`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Another page</title><iframe title="Framed app" src="/"></iframe></html>' }),
  );
  await page.goto('/framing-page');
  const framed = page.frameLocator('iframe[title="Framed app"]');
  await expect(framed.getByRole('heading', { name: 'Safeguarding Triage cannot open inside another page' })).toBeVisible();
  await expect(framed.getByRole('link', { name: 'Open Safeguarding Triage on its own' })).toHaveAttribute('target', '_top');
  await expect(framed.getByRole('heading', { name: 'Set up this tablet' })).toHaveCount(0);
  // It opened no storage: no database was created by the framed copy.
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  expect(databases).toEqual([]);
});
