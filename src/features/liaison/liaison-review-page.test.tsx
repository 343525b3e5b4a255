/**
 * Issue 14: the paediatric liaison review list over the department. An attendance recorded on
 * another tablet is listed with this tablet's own, marked "Recorded on another tablet", links
 * to its read-only record, shows its letters as that tablet's summary last said (never "not
 * issued" when the summary does not say), and can be reviewed from this tablet.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ok } from '../../domain/shared/result';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import type { LiaisonRepository } from '../../storage/repositories/types';
import { LiaisonReviewPage } from './liaison-review-page';

const NOW = '2026-03-10T18:00:00.000Z';
const LIAISON = { ...TEST_NURSE, id: 'staff-8', name: 'Kim Lee', role: 'paediatric-liaison' as const };
const child = (id: string) => assessmentRecord({ id, arrivedAt: '2026-03-10T10:00:00.000Z', dateOfBirth: '2010-06-01', attendanceReason: 'injury', signedAt: '2026-03-10T11:00:00.000Z' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The fake's list, with the attendance `shared` as pulled from another tablet (its summary older than version 9 unless `lettersIssued` is given). */
function department(shared: string, lettersIssued?: AttendanceSummary['lettersIssued']): FakeRepositories {
  const base = fakeRepositories({ staff: [LIAISON, TEST_NURSE], unlockedAs: LIAISON.id, attendances: [child('own'), child(shared)] });
  const list: LiaisonRepository['list'] = (window, options) => ({
    subscribe: (onNext) =>
      base.liaison.list(window, options).subscribe((result) => {
        onNext(result.ok ? ok({ ...result.value, summaries: result.value.summaries.map((summary) => (summary.id === shared ? { ...summary, sharedFrom: { tabletId: 'tablet-a' }, lettersIssued } : summary)) }) : result);
      }),
  });
  return { ...base, liaison: { ...base.liaison, list, recordReview: base.liaison.recordReview.bind(base.liaison) } };
}

const card = (link: HTMLElement): HTMLElement => {
  const found = link.closest('li');
  if (!found) throw new Error('no card');
  return found;
};

describe('the liaison review list over the department', () => {
  test("another tablet's letters as its version 9 summary last said: issued, or not issued when that tablet last shared", async () => {
    const repositories = department('from-a', { kinds: ['gp'], gpFirstIssuedAt: '2026-03-10T12:00:00.000Z' });
    renderScreen(<LiaisonReviewPage />, { repositories });
    const link = (await screen.findAllByRole('link', { name: /^View the record/ })).find((each) => each.getAttribute('href') === '/department/records/from-a');
    if (!link) throw new Error('no card for the shared attendance');
    const letters = within(card(link)).getByText('Letters').closest('div') as HTMLElement;
    expect(letters.textContent).toMatch(/GP discharge letter: issued/);
    expect(letters.textContent).not.toMatch(/not known on this tablet/);
  });

  test("another tablet's attendance is marked, opens read-only, shows its letters as not known here, and is reviewed from this tablet", async () => {
    const repositories = department('from-a');
    const { user } = renderScreen(<LiaisonReviewPage />, { repositories });
    expect(await screen.findByRole('heading', { name: /^2 attendances \(all\)/ })).toBeInTheDocument();
    const links = screen.getAllByRole('link', { name: /^View the record/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(expect.arrayContaining(['/assessments/own/record', '/department/records/from-a']));
    const shared = card(links.find((link) => link.getAttribute('href') === '/department/records/from-a') ?? links[0]!);
    const own = card(links.find((link) => link.getAttribute('href') === '/assessments/own/record') ?? links[0]!);

    expect(within(shared).getByText('Recorded on another tablet.')).toBeInTheDocument();
    // Reviews travel between the department's tablets (issue 14): the card no longer says that tablet's reviews are not shown.
    expect(within(shared).getByText(/Reviews recorded on any tablet of the department are shown; its letters are as that tablet last shared them\./)).toBeInTheDocument();
    expect(within(own).queryByText('Recorded on another tablet.')).toBeNull();
    // Letters: never "not issued" for another tablet's attendance.
    const sharedLetters = within(shared).getByText('Letters').closest('div') as HTMLElement;
    expect(sharedLetters.textContent).toMatch(/not known on this tablet/);
    expect(sharedLetters.textContent).not.toMatch(/not issued/);
    const ownLetters = within(own).getByText('Letters').closest('div') as HTMLElement;
    expect(ownLetters.textContent).toMatch(/not issued/);

    await user.click(within(shared).getByRole('button', { name: /^Record review/ }));
    await user.click(within(shared).getByLabelText('No further action'));
    await user.click(within(shared).getByRole('button', { name: 'Record review' }));
    expect(await screen.findByText(/^Review recorded for/)).toBeInTheDocument();
    expect(repositories.liaisonReviews.get().get('from-a')?.reviews.map((review) => review.action)).toEqual(['no-further-action']);
  });
});

describe('conflicting edits to reconcile (issue 14, conflict addenda)', () => {
  test('each one not yet reconciled is listed with who made it and when, and links to its record; a reconciled one is not', async () => {
    const base = department('from-a');
    const edited = child('own');
    const view = (rowId: string, reconciled: boolean) => ({
      rowId,
      attendanceId: 'own',
      editedBy: { ...edited.createdBy, name: 'Sam Patel' },
      editedAt: '2026-03-10T12:30:00.000Z',
      madeHere: false,
      reconciled: reconciled ? { at: '2026-03-10T13:00:00.000Z', by: edited.createdBy } : undefined,
      canReconcile: !reconciled,
      recordHere: true,
      record: edited,
    });
    const repositories: FakeRepositories = {
      ...base,
      sync: {
        state: () => ({ subscribe: (onNext) => (onNext(undefined), { unsubscribe: () => undefined }) }),
        departmentRecord: () => Promise.reject(new Error('not used')),
        conflictAddenda: () => ({ subscribe: (onNext) => (onNext([view('own:conflict:tablet-a:3', false), view('own:conflict:tablet-a:5', true)]), { unsubscribe: () => undefined }) }),
      },
    };
    renderScreen(<LiaisonReviewPage />, { repositories });
    const section = (await screen.findByRole('heading', { name: 'Conflicting edits to reconcile' })).closest('section') as HTMLElement;
    const items = within(section).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('A conflicting edit to reconcile. Edited by Sam Patel at');
    expect(items[0]).toHaveTextContent('on another tablet of the department');
    expect(within(section).getByRole('link', { name: /^Open the record of / })).toHaveAttribute('href', '/assessments/own');
  });
});
