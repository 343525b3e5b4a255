/**
 * Component tests for the home screen's "Referrals to make": referrals planned for the next
 * working day and not yet marked made, from assessments in progress and signed, soonest due
 * first, overdue ones marked, each linking to where it is recorded as made; and, for the nurse
 * in charge, the signed "No concern" records the concern-level rules would now refuse.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Answers } from '../../domain/assessment/record';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import type { LiveValue } from '../../storage/repositories/types';
import { err } from '../../domain/shared/result';
import { HomePage } from './home-page';
import { summariseAttendance } from '../../domain/assessment/attendance-summary';

/** Monday 16 March 2026, 10:00 London time. */
const NOW = '2026-03-16T10:00:00.000Z';

const planned = (date: { day: string; month: string; year: string }, time: string, referral: Answers['outcome']['referral'] = 'next-working-day'): Partial<Answers['outcome']> => ({
  concernLevel: 'suspect',
  referral,
  referralNextDayBy: 'Sam Patel, nurse in charge',
  referralNextDayDate: date,
  referralNextDayTime: time,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

test('lists referrals still to be made, soonest first, with who will make them and where to record them', async () => {
  const attendances = [
    assessmentRecord({ id: 'in-progress', givenName: 'Amara', arrivedAt: '2026-03-14T21:00:00.000Z', dateOfBirth: '2025-06-01', answers: { outcome: planned({ day: '16', month: '3', year: '2026' }, '11:00') } }),
    assessmentRecord({
      id: 'signed',
      givenName: 'Leo',
      familyName: 'Brown',
      arrivedAt: '2026-03-13T20:00:00.000Z',
      dateOfBirth: '2019-02-02',
      answers: { outcome: planned({ day: '16', month: '3', year: '2026' }, '09:00') },
      signedAt: '2026-03-13T23:00:00.000Z',
    }),
    assessmentRecord({ id: 'made', givenName: 'Ruby', arrivedAt: '2026-03-15T09:00:00.000Z', dateOfBirth: '2018-02-02', answers: { outcome: planned({ day: '16', month: '3', year: '2026' }, '09:00', 'made') } }),
    assessmentRecord({ id: 'adult', givenName: 'Jo', arrivedAt: '2026-03-15T09:00:00.000Z', dateOfBirth: '1980-02-02', answers: { outcome: planned({ day: '16', month: '3', year: '2026' }, '09:00') } }),
  ];
  const { user } = renderScreen(<HomePage />, { repositories: fakeRepositories({ attendances }) });
  const heading = await screen.findByRole('heading', { name: 'Referrals to make' });
  const table = await screen.findByRole('table', { name: "Referrals to children's social care to make" });
  expect(heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 3).map((cell) => cell.textContent))).toEqual([
    ['Leo Brown', '16 March 2026 at 09:00 Overdue', 'Sam Patel, nurse in charge'],
    ['Amara Okafor', '16 March 2026 at 11:00', 'Sam Patel, nurse in charge'],
  ]);
  const [signed, inProgress] = rows as [HTMLElement, HTMLElement];
  expect(within(signed).getByRole('link', { name: 'Mark as made by addendum for Leo Brown' })).toHaveAttribute('href', '/assessments/signed/addendum/outcome');
  const link = within(inProgress).getByRole('link', { name: 'Mark as made for Amara Okafor' });
  expect(link).toHaveAttribute('href', '/assessments/in-progress/outcome');
  await user.click(link);
  expect(window.location.pathname).toBe('/assessments/in-progress/outcome');
  expect((window.history.state as { focus?: string } | null)?.focus).toBe('referral');
});

test('says when there are none', async () => {
  renderScreen(<HomePage />);
  expect(await screen.findByText('There are no referrals waiting to be made from this tablet.')).toBeInTheDocument();
});

describe('"No concern" records to review (false reassurance sweep)', () => {
  const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };
  const signedAt = '2026-03-15T12:00:00.000Z';
  const attendances = [
    assessmentRecord({
      id: 'risk',
      givenName: 'Mia',
      familyName: 'Hall',
      arrivedAt: '2026-03-15T10:00:00.000Z',
      dateOfBirth: '2019-02-02',
      answers: { safeguarding: { householdRisks: ['domestic-abuse'] }, outcome: { concernLevel: 'no-concern' } },
      signedAt,
    }),
    assessmentRecord({
      id: 'cp-plan',
      givenName: 'Noah',
      familyName: 'Khan',
      arrivedAt: '2026-03-14T10:00:00.000Z',
      dateOfBirth: '2016-02-02',
      answers: { informationChecks: { cpis: 'checked-cp-plan' }, outcome: { concernLevel: 'no-concern' } },
      signedAt,
    }),
    assessmentRecord({ id: 'clear', givenName: 'Ivy', arrivedAt: '2026-03-15T09:00:00.000Z', dateOfBirth: '2019-02-02', answers: { safeguarding: { householdRisks: ['none-known'] }, outcome: { concernLevel: 'no-concern' } }, signedAt }),
    assessmentRecord({ id: 'consider', givenName: 'Ava', arrivedAt: '2026-03-15T09:00:00.000Z', dateOfBirth: '2019-02-02', answers: { safeguarding: { householdRisks: ['domestic-abuse'] }, outcome: { concernLevel: 'consider' } }, signedAt }),
    assessmentRecord({ id: 'unsigned', givenName: 'Eli', arrivedAt: '2026-03-15T09:00:00.000Z', dateOfBirth: '2019-02-02', answers: { safeguarding: { householdRisks: ['domestic-abuse'] }, outcome: { concernLevel: 'no-concern' } } }),
  ];

  test('the nurse in charge sees each signed "No concern" record that holds a concern, with what it holds and a link to open it', async () => {
    renderScreen(<HomePage />, { repositories: fakeRepositories({ attendances, staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id }) });
    expect(await screen.findByRole('heading', { name: '"No concern" records to review' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Signed "No concern" records to review' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [within(row).getAllByRole('cell')[0]?.textContent, within(row).getAllByRole('listitem').map((item) => item.textContent)])).toEqual([
      ['Mia Hall', ['a risk in the household is recorded (domestic abuse)']],
      ['Noah Khan', ['CP-IS shows a child protection plan']],
    ]);
    expect(within(table).getByRole('link', { name: 'Open the record for Mia Hall' })).toHaveAttribute('href', '/assessments/risk/record');
  });

  test('says when there is nothing to review', async () => {
    renderScreen(<HomePage />, { repositories: fakeRepositories({ attendances: attendances.slice(2), staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id }) });
    expect(await screen.findByText('No signed "No concern" record on this tablet holds anything of concern.')).toBeInTheDocument();
  });

  test('a triage nurse does not see the list', async () => {
    renderScreen(<HomePage />, { repositories: fakeRepositories({ attendances }) });
    expect(await screen.findByRole('heading', { name: 'Referrals to make' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '"No concern" records to review' })).not.toBeInTheDocument();
  });

  test('storage gives the list to no one else either', () => {
    const repositories = fakeRepositories({ attendances });
    const seen: number[] = [];
    repositories.attendances.noConcernToReview().subscribe((items) => seen.push(items.length)).unsubscribe();
    expect(seen).toEqual([0]);
  });
});

describe('GP letters due over the department (issue 14)', () => {
  test("another tablet's attendance whose GP letter is due is listed beside this tablet's, marked, with a read-only view instead of the letters", async () => {
    const own = assessmentRecord({ id: 'own-signed', givenName: 'Leo', familyName: 'Brown', arrivedAt: '2026-03-16T07:00:00.000Z', dateOfBirth: '2019-02-02', signedAt: '2026-03-16T08:00:00.000Z' });
    const base = fakeRepositories({ attendances: [own] });
    const fromA = { ...summariseAttendance(assessmentRecord({ id: 'from-a', givenName: 'Maya', familyName: 'Hughes', arrivedAt: '2026-03-16T06:00:00.000Z', dateOfBirth: '2017-02-14', signedAt: '2026-03-16T07:00:00.000Z' }), NOW), sharedFrom: { tabletId: 'tablet-a' } };
    const awaitingGpLetter: typeof base.letters.awaitingGpLetter = () => ({
      subscribe: (onNext) => {
        const inner = base.letters.awaitingGpLetter().subscribe((rows) => onNext([...rows, fromA]));
        return { unsubscribe: () => inner.unsubscribe() };
      },
    });
    renderScreen(<HomePage />, { repositories: { ...base, letters: { ...base.letters, awaitingGpLetter } } });
    const table = await screen.findByRole('table', { name: 'Signed assessments whose GP letter is not issued' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['Maya Hughes', 'Leo Brown']);
    const [shared, ownRow] = rows as [HTMLElement, HTMLElement];
    expect(within(shared).getByText('Recorded on another tablet of the department')).toBeInTheDocument();
    expect(within(shared).getAllByRole('link').map((each) => [each.textContent, each.getAttribute('href')])).toEqual([['View the attendance of Maya Hughes', '/department/records/from-a']]);
    expect(within(shared).queryByRole('link', { name: /^Letters/ })).toBeNull();
    expect(within(ownRow).queryByText('Recorded on another tablet of the department')).toBeNull();
    expect(within(ownRow).getAllByRole('link').map((each) => [each.textContent, each.getAttribute('href')])).toEqual([['Letters for Leo Brown', '/assessments/own-signed/letters']]);
  });
});

describe('"Start new assessment"', () => {
  /** The home screen's four lists, each counted while something follows it. */
  function countFollowers(repositories: FakeRepositories): Set<object> {
    const following = new Set<object>();
    const counted = <T,>(live: LiveValue<T>): LiveValue<T> => ({
      subscribe(onNext, onError) {
        const subscription = live.subscribe(onNext, onError);
        const follower = {};
        following.add(follower);
        return {
          unsubscribe() {
            following.delete(follower);
            subscription.unsubscribe();
          },
        };
      },
    });
    const { attendances, letters } = repositories;
    const inProgress = attendances.inProgress.bind(attendances);
    const completedSince = attendances.completedSince.bind(attendances);
    const referralsToMake = attendances.referralsToMake.bind(attendances);
    const awaitingGpLetter = letters.awaitingGpLetter.bind(letters);
    vi.spyOn(attendances, 'inProgress').mockImplementation(() => counted(inProgress()));
    vi.spyOn(attendances, 'completedSince').mockImplementation((since) => counted(completedSince(since)));
    vi.spyOn(attendances, 'referralsToMake').mockImplementation(() => counted(referralsToMake()));
    vi.spyOn(letters, 'awaitingGpLetter').mockImplementation(() => counted(awaitingGpLetter()));
    return following;
  }

  const inProgressRecord = () => assessmentRecord({ id: 'in-progress', givenName: 'Amara', arrivedAt: '2026-03-16T09:00:00.000Z', dateOfBirth: '2019-06-01' });

  test('stops the lists following storage before it writes the new attendance (they would all read it again for a screen about to go), then opens it', async () => {
    const repositories = fakeRepositories({ attendances: [inProgressRecord()] });
    const following = countFollowers(repositories);
    const create = repositories.attendances.create.bind(repositories.attendances);
    let followingAtWrite: number | undefined;
    vi.spyOn(repositories.attendances, 'create').mockImplementation((options) => {
      followingAtWrite = following.size;
      return create(options);
    });
    const { user } = renderScreen(<HomePage />, { repositories });
    await screen.findByRole('table', { name: 'Assessments in progress' });
    expect(following.size).toBe(4);

    await user.click(screen.getByRole('button', { name: 'Start new assessment' }));
    expect(followingAtWrite).toBe(0);
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/assessments\/[^/]+\/patient$/));
  });

  test('when the attendance cannot be written, says why, and the lists follow storage again', async () => {
    const repositories = fakeRepositories({ attendances: [inProgressRecord()] });
    const following = countFollowers(repositories);
    vi.spyOn(repositories.attendances, 'create').mockResolvedValue(err({ kind: 'quota', message: 'This tablet is out of storage space. Nothing has been lost.' }));
    const { user } = renderScreen(<HomePage />, { repositories });
    await screen.findByRole('table', { name: 'Assessments in progress' });

    await user.click(screen.getByRole('button', { name: 'Start new assessment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This tablet is out of storage space. Nothing has been lost.');
    await waitFor(() => expect(following.size).toBe(4));
    expect(window.location.pathname).toBe('/');
    expect(within(screen.getByRole('table', { name: 'Assessments in progress' })).getByText('Amara Okafor')).toBeInTheDocument();
  });
});
