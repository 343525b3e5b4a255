/**
 * Each tablet's audit trail kept whole across the department (issue 14; design
 * docs/design/department-sync.md §6, "Where the built audit chains travel differs"): tablet A's
 * trail travels sealed through the department server to tablet B, which checks it as A's own
 * and shows it to the nurse in charge on the audit trail page. Two tablet profiles and one
 * server, as the other department journeys.
 */
import { expect, test } from '@playwright/test';
import { enrolTwoTablets, shareNow, startDepartmentServer, unlockAs } from './department-support';
import type { DepartmentServer } from './department-support';
import { expectNoAxeViolations, NURSE } from './support';

let server: DepartmentServer;
test.beforeAll(async () => {
  server = await startDepartmentServer();
});
test.afterAll(async () => {
  await server.stop();
});

test('the nurse in charge on B sees A’s audit trail held on B and verified there, on the audit trail page', async ({ browser }) => {
  test.setTimeout(240_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  await unlockAs(b.page, NURSE);
  await expect(b.page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible({ timeout: 20_000 });

  // B pulls A's trail in the background; the page checks what B holds each time it opens.
  const chains = b.page.getByRole('table', { name: 'Audit trails of other tablets' });
  await expect(async () => {
    await shareNow(a.page, b.page);
    await b.page.getByRole('link', { name: 'Settings' }).click();
    await b.page.getByRole('link', { name: 'Audit trail' }).click();
    await expect(b.page.getByRole('heading', { name: "Audit trails of the department's tablets" })).toBeVisible();
    await expect(chains.getByRole('rowheader', { name: /^Tablet ending [0-9A-F-]{6}$/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [1_000] });

  const row = chains.getByRole('row', { name: /^Tablet ending / });
  await expect(row.getByRole('cell').last()).toHaveText('Verified');
  expect(Number(await row.getByRole('cell').first().textContent())).toBeGreaterThan(3);
  await expect(b.page.getByText(/^This tablet \(Tablet ending [0-9A-F-]{6}\): \d+ events? of its audit trail held by the department server\.$/)).toBeVisible();
  await expectNoAxeViolations(b.page);
  await Promise.all([a.context.close(), b.context.close()]);
});
