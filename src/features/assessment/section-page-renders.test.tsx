// @vitest-environment jsdom
/**
 * A section page builds its fields once as it opens (PRODUCT.md section 10: Lighthouse total
 * blocking time on a tablet). What the page itself goes through next leaves them be: the form
 * state react-hook-form sets as it mounts, the edit lease settling, the device settings
 * arriving, the error summary after "Save and continue". Each of these built every field again
 * in a trace of the patient page at 4x CPU (48 to 95 components, 1 December 2026). A field
 * still gets what it reads: the error of its own question (issues context) and its answer
 * (react-hook-form's subscriptions).
 */
import { screen, waitFor } from '@testing-library/react';
import { useFormContext } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { EditLeaseHandle, SyncRepository } from '../../storage/repositories/types';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import { AssessmentRoutes } from './assessment-routes';
import type * as SectionFormsModule from './section-forms';

const built = vi.hoisted(() => ({ count: 0 }));

/** The patient page's fields, replaced by one that counts how often it is built. */
vi.mock('./section-forms', async (importOriginal) => {
  const actual = await importOriginal<typeof SectionFormsModule>();
  function CountedField() {
    built.count += 1;
    const { register } = useFormContext();
    return (
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="familyName">
          Last name
        </label>
        <input className="nhsuk-input" id="familyName" {...register('familyName')} />
      </div>
    );
  }
  return { sectionForms: { ...actual.sectionForms, patient: { ...actual.sectionForms.patient, render: () => <CountedField /> } } };
});

const NOW = '2026-03-10T16:00:00.000Z';
beforeEach(() => {
  built.count = 0;
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A lease that starts checking and is then told the answer, as storage's does. */
function settlingLease() {
  const listeners = new Set<(state: EditLeaseState) => void>();
  let current: EditLeaseState = { status: 'checking' };
  const editLease = (): EditLeaseHandle => ({
    state: () => ({
      subscribe: (onNext) => {
        listeners.add(onNext);
        onNext(current);
        return { unsubscribe: () => listeners.delete(onNext) };
      },
    }),
    takeOver: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
  });
  const settle = (next: EditLeaseState) => {
    current = next;
    for (const listener of listeners) listener(next);
  };
  return { editLease, settle };
}

describe('a section page builds its fields once', () => {
  test('the form getting ready, the lease settling, the settings arriving and the error summary do not build them again', async () => {
    const lease = settlingLease();
    const base = fakeRepositories({ staff: [TEST_NURSE], attendances: [assessmentRecord({ id: 'a1', arrivedAt: '2026-03-10T15:00:00.000Z', dateOfBirth: '2019-05-04' })] });
    const state: SyncRepository['state'] = () => ({ subscribe: (onNext) => (onNext(undefined), { unsubscribe: () => undefined }) });
    const repositories: FakeRepositories = { ...base, sync: { state, departmentRecord: () => Promise.reject(new Error('not used')), editLease: lease.editLease } };
    const { user } = renderScreen(<AssessmentRoutes id="a1" rest={['patient']} />, { repositories, path: '/assessments/a1/patient' });

    const field = await screen.findByRole('textbox', { name: 'Last name' });
    expect(built.count).toBe(1);

    lease.settle({ status: 'not-shared' });
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is a problem');
    expect(built.count).toBe(1);

    // What the field reads still reaches it: typing is the form's, not a render of the page.
    await user.clear(field);
    await user.type(field, 'Okonjo');
    expect(field).toHaveValue('Okonjo');
    await waitFor(() => expect(repositories.records.get().get('a1')?.answers.patient.familyName).toBe('Okonjo'));
  });

  test('another tablet taking the lease still reaches the page: read only, with the banner', async () => {
    const lease = settlingLease();
    const base = fakeRepositories({ staff: [TEST_NURSE], attendances: [assessmentRecord({ id: 'a1', arrivedAt: '2026-03-10T15:00:00.000Z', dateOfBirth: '2019-05-04' })] });
    const state: SyncRepository['state'] = () => ({ subscribe: (onNext) => (onNext(undefined), { unsubscribe: () => undefined }) });
    const repositories: FakeRepositories = { ...base, sync: { state, departmentRecord: () => Promise.reject(new Error('not used')), editLease: lease.editLease } };
    renderScreen(<AssessmentRoutes id="a1" rest={['patient']} />, { repositories, path: '/assessments/a1/patient' });
    await screen.findByRole('textbox', { name: 'Last name' });
    lease.settle({ status: 'held', expiresAt: '2026-03-10T16:05:00.000Z' });
    lease.settle({ status: 'elsewhere', holder: { name: 'Sam Patel', thisTablet: false }, tabletId: 'tablet-b', expiresAt: '2026-03-10T16:05:00.000Z' });
    expect(await screen.findByRole('region', { name: 'Read only' })).toHaveTextContent('This assessment is being edited by Sam Patel on another tablet of the department.');
    expect(screen.queryByRole('button', { name: 'Save and continue' })).not.toBeInTheDocument();
  });
});
