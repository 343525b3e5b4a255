/**
 * Issue 14: the paediatric liaison review list over the department. An attendance recorded on
 * another tablet is listed with this tablet's own, marked "Recorded on another tablet", links
 * to its read-only record, never says a letter was not issued (letters are issued on the
 * tablet that recorded it and are not seen here), and can be reviewed from this tablet.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ok } from '../../domain/shared/result';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
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

/** The fake's list, with the attendance `shared` as pulled from another tablet. */
function department(shared: string): FakeRepositories {
  const base = fakeRepositories({ staff: [LIAISON, TEST_NURSE], unlockedAs: LIAISON.id, attendances: [child('own'), child(shared)] });
  const list: LiaisonRepository['list'] = (window, options) => ({
    subscribe: (onNext) =>
      base.liaison.list(window, options).subscribe((result) => {
        onNext(result.ok ? ok({ ...result.value, summaries: result.value.summaries.map((summary) => (summary.id === shared ? { ...summary, sharedFrom: { tabletId: 'tablet-a' } } : summary)) }) : result);
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
    expect(within(shared).getByText(/Reviews recorded on any tablet of the department are shown; its letters are not known on this one\./)).toBeInTheDocument();
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
