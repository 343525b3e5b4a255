/**
 * Issue 14, the edit lease on the assessment screens: while another tablet of the department
 * holds the lease, the assessment is read-only here with a banner saying who is editing it and
 * where (like the two-tab rule), and only the nurse in charge is offered "Take over editing",
 * after a confirmation. Offline (the server cannot be reached) nothing is blocked.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import { ok } from '../../domain/shared/result';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { EditLeaseHandle, SyncRepository } from '../../storage/repositories/types';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import { AssessmentRoutes } from './assessment-routes';

const NOW = '2026-03-10T16:00:00.000Z';
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

const elsewhere: EditLeaseState = { status: 'elsewhere', holder: { name: 'Sam Patel', thisTablet: false }, tabletId: 'tablet-b', expiresAt: '2026-03-10T16:05:00.000Z' };

/** A fake lease: starts in `initial`; take-over moves it to held and is counted. */
function fakeLease(initial: EditLeaseState) {
  let current = initial;
  const listeners = new Set<(state: EditLeaseState) => void>();
  const calls = { takeOver: 0, opened: [] as { id: string; minutes: number }[], closed: 0, beforeRelease: [] as (() => Promise<unknown>)[] };
  const editLease = (id: string, minutes: number, beforeRelease?: () => Promise<unknown>): EditLeaseHandle => {
    calls.opened.push({ id, minutes });
    if (beforeRelease) calls.beforeRelease.push(beforeRelease);
    return {
      state: () => ({
        subscribe: (onNext) => {
          listeners.add(onNext);
          onNext(current);
          return { unsubscribe: () => listeners.delete(onNext) };
        },
      }),
      takeOver: () => {
        calls.takeOver += 1;
        current = { status: 'held', expiresAt: '2026-03-10T16:05:00.000Z' };
        for (const listener of listeners) listener(current);
        return Promise.resolve(ok(current));
      },
      close: () => {
        calls.closed += 1;
        return Promise.resolve();
      },
    };
  };
  /** The server's answer changes while the page is open (another tablet took the lease over). */
  const move = (next: EditLeaseState) => {
    current = next;
    for (const listener of listeners) listener(current);
  };
  return { editLease, calls, move };
}

function render(initial: EditLeaseState, role: 'triage-nurse' | 'nurse-in-charge', page = 'patient', extra: Partial<SyncRepository> = {}) {
  const lease = fakeLease(initial);
  const base = fakeRepositories({ staff: [{ ...TEST_NURSE, role }], attendances: [assessmentRecord({ id: 'a1', arrivedAt: '2026-03-10T15:00:00.000Z', dateOfBirth: '2019-05-04' })] });
  const state: SyncRepository['state'] = () => ({ subscribe: (onNext) => (onNext(undefined), { unsubscribe: () => undefined }) });
  const repositories: FakeRepositories = { ...base, sync: { state, departmentRecord: () => Promise.reject(new Error('not used')), editLease: lease.editLease, ...extra } };
  const screenResult = renderScreen(
    (pathname) => {
      const [, id = '', ...rest] = pathname.split('/').filter(Boolean).map(decodeURIComponent);
      return <AssessmentRoutes key={id} id={id} rest={rest} />;
    },
    { repositories, path: `/assessments/a1/${page}` },
  );
  return { ...screenResult, lease, repositories };
}

describe('the edit lease on the assessment screens', () => {
  test('another tablet holds it: read-only, the banner names who is editing it and where, and a triage nurse cannot take over', async () => {
    const { lease } = render(elsewhere, 'triage-nurse');
    const banner = await screen.findByRole('region', { name: 'Read only' });
    expect(within(banner).getByText('This assessment is being edited by Sam Patel on another tablet of the department.')).toBeInTheDocument();
    expect(within(banner).getByText(/To avoid two versions, you can only read it here/)).toBeInTheDocument();
    expect(within(banner).queryByRole('button', { name: 'Take over editing' })).not.toBeInTheDocument();
    expect(screen.queryByText('This assessment is open in another tab or window.')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save and continue' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Last name/ })).toBeDisabled();
    // The lease lasts the idle-lock time of the settings (minutes).
    expect(lease.calls.opened).toEqual([{ id: 'a1', minutes: expect.any(Number) as number }]);
  });

  test('the nurse in charge takes over editing after a confirmation, and can then edit here', async () => {
    const { user, lease } = render(elsewhere, 'nurse-in-charge');
    const banner = await screen.findByRole('region', { name: 'Read only' });
    await user.click(within(banner).getByRole('button', { name: 'Take over editing' }));
    expect(lease.calls.takeOver).toBe(0);
    expect(within(banner).getByText(/Anything typed on the other tablet that has not reached the department yet is kept there/)).toBeInTheDocument();
    await user.click(within(banner).getByRole('button', { name: 'Cancel' }));
    expect(lease.calls.takeOver).toBe(0);
    await user.click(within(banner).getByRole('button', { name: 'Take over editing' }));
    await user.click(screen.getByRole('button', { name: 'Yes, take over editing' }));
    expect(lease.calls.takeOver).toBe(1);
    expect(screen.queryByRole('region', { name: 'Read only' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Save and continue' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Last name/ })).toBeEnabled();
  });

  test('the server cannot be reached: no banner, editing goes on (offline first)', async () => {
    render({ status: 'unreachable' }, 'triage-nurse');
    expect(await screen.findByRole('button', { name: 'Save and continue' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Read only' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Last name/ })).toBeEnabled();
  });

  test('the lease taken over while the nurse is typing: the page turns read-only and what was typed in the last second is still saved here (it then travels as a conflict addendum)', async () => {
    const { user, lease, repositories } = render({ status: 'held', expiresAt: '2026-03-10T16:05:00.000Z' }, 'triage-nurse');
    const lastName = await screen.findByRole('textbox', { name: /Last name/ });
    await user.clear(lastName);
    await user.type(lastName, 'Okonjo');
    // Before the autosave's idle wait has passed, another tablet takes the lease over.
    lease.move(elsewhere);
    expect(await screen.findByRole('region', { name: 'Read only' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Last name/ })).toBeDisabled();
    await waitFor(() => expect(repositories.records.get().get('a1')?.answers.patient.familyName).toBe('Okonjo'));
  });

  test('leaving the assessment lets the lease go with the editor’s flush, which storage runs before pushing the newest revision', async () => {
    const { user, lease, repositories, unmount } = render({ status: 'held', expiresAt: '2026-03-10T16:05:00.000Z' }, 'triage-nurse');
    const lastName = await screen.findByRole('textbox', { name: /Last name/ });
    await user.clear(lastName);
    await user.type(lastName, 'Okonjo');
    unmount();
    expect(lease.calls.closed).toBe(1);
    expect(lease.calls.beforeRelease).toHaveLength(1);
    // What the page handed to the editor as it closed is written by the time the flush resolves (storage/sync/lease.ts pushes after it).
    await lease.calls.beforeRelease[0]?.();
    await waitFor(() => expect(repositories.records.get().get('a1')?.answers.patient.familyName).toBe('Okonjo'));
  });

  test('the page hidden lets the lease go; back from the back-forward cache, it takes the lease again', async () => {
    const { lease } = render({ status: 'held', expiresAt: '2026-03-10T16:05:00.000Z' }, 'triage-nurse');
    await screen.findByRole('button', { name: 'Save and continue' });
    expect(lease.calls.opened).toHaveLength(1);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    expect(lease.calls.closed).toBe(1);
    // A page shown for the first time (not from the cache) opens nothing more.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    expect(lease.calls.opened).toHaveLength(1);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitFor(() => expect(lease.calls.opened).toHaveLength(2));
    expect(lease.calls.opened[1]).toEqual({ id: 'a1', minutes: expect.any(Number) as number });
  });

  test('the task list says so too', async () => {
    render(elsewhere, 'triage-nurse', '');
    const banner = await screen.findByRole('region', { name: 'Read only' });
    expect(within(banner).getByText('This assessment is being edited by Sam Patel on another tablet of the department.')).toBeInTheDocument();
  });
});

describe('conflicting edits on the record', () => {
  test('the task list shows what the conflicting edit says, who made it and when; the record’s tablet marks it reconciled', async () => {
    const current = assessmentRecord({ id: 'a1', arrivedAt: '2026-03-10T15:00:00.000Z', dateOfBirth: '2019-05-04' });
    const conflicting = { ...current, answers: { ...current.answers, patient: { ...current.answers.patient, familyName: 'Okonjo' } } };
    const reconciled: string[] = [];
    const conflictAddenda: SyncRepository['conflictAddenda'] = () => ({
      subscribe: (onNext) => (
        onNext([{ rowId: 'a1:conflict:tablet-a:4', attendanceId: 'a1', editedBy: { ...current.createdBy, name: 'Sam Patel' }, editedAt: '2026-03-10T15:30:00.000Z', madeHere: false, reconciled: undefined, canReconcile: true, recordHere: true, record: conflicting }]),
        { unsubscribe: () => undefined }
      ),
    });
    const { user } = render({ status: 'held', expiresAt: '2026-03-10T16:05:00.000Z' }, 'triage-nurse', '', {
      conflictAddenda,
      reconcileConflict: (rowId) => {
        reconciled.push(rowId);
        return Promise.resolve(ok(undefined));
      },
    });
    const panel = (await screen.findByRole('heading', { name: 'Conflicting edits to reconcile' })).closest('section') as HTMLElement;
    expect(within(panel).getByRole('heading', { name: /^Edited by Sam Patel at .* on another tablet of the department$/ })).toBeInTheDocument();
    expect(within(panel).getByText('Okonjo', { exact: false })).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Mark as reconciled' }));
    expect(reconciled).toEqual(['a1:conflict:tablet-a:4']);
  });
});
