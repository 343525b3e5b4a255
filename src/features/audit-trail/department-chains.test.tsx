/**
 * The department's audit trails on the audit trail page (issue 14): each other tablet's chain
 * with its length, when it was checked and whether it verifies (the first bad event and why),
 * a warning when the server left out, changed or took back events, and nothing at all on a
 * tablet that does not share. Accessible by role: a captioned table with row headers.
 */
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import type { DepartmentChains } from '../../storage/repositories/types';
import { AuditTrailPage } from './audit-trail-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-9', name: 'Jo Reid', role: 'nurse-in-charge' as const };
const DEPARTMENT = { departmentId: 'dept-1', tabletId: 'tablet-own-a1b2c3', enrolledAt: '2026-03-10T09:00:00.000Z' };

const CHAINS: DepartmentChains = {
  own: { tabletId: 'tablet-own-a1b2c3', shared: 42 },
  others: [
    { tabletId: 'tablet-b-00ff11', count: 120, lastEventSeq: 120, checkedAt: '2026-03-10T14:02:00.000Z', breaks: [] },
    {
      tabletId: 'tablet-c-9e8d7c',
      count: 57,
      lastEventSeq: 57,
      checkedAt: '2026-03-10T14:02:00.000Z',
      breaks: [{ at: 31, reason: 'An event is missing: the department server left it out.', recordedByItsTablet: false }],
    },
  ],
};

test('lists each other tablet’s audit trail with its length and check, names the first bad event, and warns the nurse in charge', async () => {
  renderScreen(<AuditTrailPage />, { repositories: fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id, department: DEPARTMENT, departmentChains: CHAINS }) });

  const section = (await screen.findByRole('heading', { name: "Audit trails of the department's tablets" })).closest('section');
  if (!section) throw new Error('no section');
  expect(within(section).getByText(/This tablet \(Tablet ending A1B2C3\): 42 events of its audit trail held by the department server/)).toBeInTheDocument();
  const table = within(section).getByRole('table', { name: 'Audit trails of other tablets' });
  const verified = within(table).getByRole('row', { name: /Tablet ending 00FF11/ });
  expect(within(verified).getByRole('rowheader', { name: 'Tablet ending 00FF11' })).toBeInTheDocument();
  expect(within(verified).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['120', expect.stringMatching(/14:02/) as string, 'Verified']);
  const broken = within(table).getByRole('row', { name: /Tablet ending 9E8D7C/ });
  expect(within(broken).getByText('Does not verify from event 31: An event is missing: the department server left it out.')).toBeInTheDocument();
  expect(within(section).getByText(/Tablet ending 9E8D7C: events were left out, changed or taken back on the way through the department server/)).toBeInTheDocument();
});

test('a break the other tablet recorded in its own trail is shown as such, without the server warning', async () => {
  const recorded: DepartmentChains = { own: CHAINS.own, others: [{ tabletId: 'tablet-d-445566', count: 9, lastEventSeq: 10, checkedAt: '2026-03-10T14:02:00.000Z', breaks: [{ at: 4, reason: 'An event is missing.', recordedByItsTablet: true }] }] };
  renderScreen(<AuditTrailPage />, { repositories: fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id, department: DEPARTMENT, departmentChains: recorded }) });
  expect(await screen.findByText('Does not verify from event 4: An event is missing. That tablet recorded this break in its own trail.')).toBeInTheDocument();
  expect(screen.queryByText(/did not pass its check/)).not.toBeInTheDocument();
});

test('nothing about the department on a tablet that does not share', async () => {
  renderScreen(<AuditTrailPage />, { repositories: fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id, departmentChains: CHAINS }) });
  expect(await screen.findByRole('table', { name: /Newest 200 events/ })).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: /department/ })).not.toBeInTheDocument();
  expect(screen.queryByText(/Checking the department/)).not.toBeInTheDocument();
});
