/**
 * The retention reminder on the home screen (issue 13): the nurse in charge is told how many
 * finished records are past the retention period and offered a backup (the link to the backup
 * page) before choosing to remove them; nothing is removed until they do; others never see it.
 */
import { screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { IssuedLetter } from '../../domain/letters/issued';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import { HomePage } from './home-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };
const NOW = new Date('2026-05-01T12:00:00.000Z');
const finished = assessmentRecord({ id: 'old', arrivedAt: '2026-03-10T10:00:00.000Z', dateOfBirth: '2016-02-02', signedAt: '2026-03-10T12:00:00.000Z' });
const recent = assessmentRecord({ id: 'recent', arrivedAt: '2026-04-25T10:00:00.000Z', dateOfBirth: '2016-02-02', signedAt: '2026-04-25T12:00:00.000Z' });
/** Every letter the finished attendance needs (GP letter and school nurse notification), issued. */
const letters = ['gp', 'school-nurse'].map((kind, index) => ({ id: `letter-${String(index)}`, attendanceId: 'old', kind, version: 1 }) as unknown as IssuedLetter);

function tablet(role: 'nurse-in-charge' | 'triage-nurse') {
  const member = role === 'nurse-in-charge' ? NURSE_IN_CHARGE : TEST_NURSE;
  const repositories = fakeRepositories({ attendances: [finished, recent], letters, staff: [member], unlockedAs: member.id, now: () => NOW });
  // The liaison review of the child's attendance is done.
  repositories.liaisonReviews.set(new Map([['old', { attendanceId: 'old', reviews: [{ reviewedBy: { id: 'x', name: 'Jo' }, reviewedAt: '2026-03-11T09:00:00.000Z', action: 'no-further-action', note: '' }] }]]));
  return repositories;
}

test('the nurse in charge is told what is due and offered a backup, and removes them only when they choose to', async () => {
  const repositories = tablet('nurse-in-charge');
  const { user } = renderScreen(<HomePage />, { repositories });
  expect(await screen.findByText('Records past the retention period')).toBeInTheDocument();
  expect(screen.getByTestId('retention-due')).toHaveTextContent(/^1 finished record is more than 30 days old, signed, with every letter issued and the liaison review done\./);
  expect(screen.getByRole('link', { name: 'back up this tablet' })).toHaveAttribute('href', '/settings/backup');
  // Nothing removed yet.
  expect(repositories.records.get().has('old')).toBe(true);

  await user.click(screen.getByRole('button', { name: 'Remove 1 record now' }));
  expect(await screen.findByTestId('retention-outcome')).toHaveTextContent('1 record was removed, each leaving a sealed stub for look-ups; 0 stubs past 12 months removed.');
  expect([...repositories.records.get().keys()]).toEqual(['recent']);
  expect(repositories.auditEvents.get().filter((event) => event.type === 'purge').map((event) => event.entityId)).toEqual(['']);
});

test('a triage nurse never sees the reminder', async () => {
  renderScreen(<HomePage />, { repositories: tablet('triage-nurse') });
  expect(await screen.findByRole('heading', { name: 'Safeguarding assessments' })).toBeInTheDocument();
  expect(screen.queryByText('Records past the retention period')).not.toBeInTheDocument();
});
