/**
 * Issue 14: what other tablets of the department recorded, on this tablet. The look-up lists
 * them with this tablet's own, says where they were recorded and counts them in "3 or more
 * attendances in 12 months"; opening one shows the record from the department, read-only.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { fakeRepositories, renderScreen } from '../../test-support/render-screen';
import { err, ok } from '../../domain/shared/result';
import type { Repositories, SyncRepository } from '../../storage/repositories/types';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import { LookUpPage } from '../lookup/look-up-page';
import { DepartmentRecordPage, departmentRecordWords } from './department-record-page';

const NOW = '2026-03-10T14:00:00.000Z';
const visit = (id: string, arrivedAt: string) => assessmentRecord({ id, arrivedAt, dateOfBirth: '2019-05-04', attendanceReason: 'injury', signedAt: arrivedAt });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

const noState: SyncRepository['state'] = () => ({ subscribe: (onNext) => (onNext(undefined), { unsubscribe: () => undefined }) });

/** The fake's look-up, with the attendances named in `shared` as pulled from tablet B. */
function department(shared: readonly string[], departmentRecord: SyncRepository['departmentRecord']): FakeRepositories {
  const base = fakeRepositories({ attendances: [visit('own', '2026-03-01T10:00:00.000Z'), visit('from-b-1', '2025-11-02T10:00:00.000Z'), visit('from-b-2', '2025-06-01T10:00:00.000Z')] });
  const find: Repositories['attendances']['find'] = async (query) => {
    const found = await base.attendances.find(query);
    return found.ok ? ok(found.value.map((summary) => (shared.includes(summary.id) ? { ...summary, sharedFrom: { tabletId: 'tablet-b' } } : summary))) : found;
  };
  return { ...base, attendances: { ...base.attendances, find, create: base.attendances.create.bind(base.attendances) }, sync: { state: noState, departmentRecord } };
}

describe('the department in the look-up', () => {
  test('lists attendances recorded on other tablets, says so, counts them in 3 or more in 12 months and links to the read-only record', async () => {
    const { user } = renderScreen(<LookUpPage />, { repositories: department(['from-b-1', 'from-b-2'], () => Promise.resolve(err({ kind: 'not-found', message: '' }))) });
    await user.type(await screen.findByLabelText('NHS number (optional)'), '9434765919');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('heading', { name: '3 attendances in the department (2 recorded on other tablets)' })).toBeInTheDocument();
    const flags = screen.getByRole('heading', { name: /Flags from earlier attendances/ }).closest('div') as HTMLElement;
    expect(within(flags).getByText('3 or more attendances in 12 months (3)')).toBeInTheDocument();
    expect(screen.getAllByText('Recorded on another tablet of the department')).toHaveLength(2);
    const table = screen.getByRole('table', { name: 'Attendances of this patient, newest first' });
    const links = within(table).getAllByRole('link').map((link) => link.getAttribute('href'));
    expect(links).toEqual(['/assessments/own/record', '/department/records/from-b-1', '/department/records/from-b-2']);
  });
});

describe('an attendance recorded on another tablet', () => {
  test('is fetched from the department and shown read-only, with no way to change it', async () => {
    const record = visit('from-b-1', '2025-11-02T10:00:00.000Z');
    const asked: string[] = [];
    const repositories = department([], (id) => {
      asked.push(id);
      return Promise.resolve(ok(record));
    });
    renderScreen(<DepartmentRecordPage id="from-b-1" />, { repositories });
    expect(await screen.findByText(departmentRecordWords.readOnly)).toBeInTheDocument();
    expect(asked).toEqual(['from-b-1']);
    expect(screen.getByRole('heading', { level: 1, name: departmentRecordWords.title })).toBeInTheDocument();
    expect(screen.getAllByText(/Okafor/i).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('link', { name: /addendum|letters/i })).toBeNull();
  });

  test('says why when it cannot be fetched', async () => {
    renderScreen(<DepartmentRecordPage id="gone" />, { repositories: department([], () => Promise.resolve(err({ kind: 'unreachable', message: 'The department server cannot be reached. Records are kept on this tablet and shared when it is back.' }))) });
    expect(await screen.findByText('The department server cannot be reached. Records are kept on this tablet and shared when it is back.')).toBeInTheDocument();
  });
});

describe('continuing another tablet’s assessment in progress here (issue 14, the edit lease)', () => {
  const inProgress = () => assessmentRecord({ id: 'from-b-3', arrivedAt: '2026-03-10T12:00:00.000Z', dateOfBirth: '2019-05-04' });

  test('offered when no other tablet is editing it; pressing it continues it here and opens the assessment', async () => {
    const continued: { id: string; minutes: number }[] = [];
    const base = department([], () => Promise.resolve(ok(inProgress())));
    const repositories: FakeRepositories = {
      ...base,
      sync: {
        ...(base.sync as SyncRepository),
        leaseOf: () => Promise.resolve({ status: 'free' }),
        continueHere: (id, minutes) => {
          continued.push({ id, minutes });
          return Promise.resolve(ok(id));
        },
      },
    };
    const { user } = renderScreen((pathname) => (pathname.startsWith('/assessments/') ? <h1>Assessment {pathname}</h1> : <DepartmentRecordPage id="from-b-3" />), { repositories, path: '/department/records/from-b-3' });
    await user.click(await screen.findByRole('button', { name: 'Continue this assessment on this tablet' }));
    expect(continued).toEqual([{ id: 'from-b-3', minutes: expect.any(Number) as number }]);
    expect(await screen.findByRole('heading', { name: 'Assessment /assessments/from-b-3' })).toBeInTheDocument();
  });

  test('not offered while another tablet is editing it: says who', async () => {
    const base = department([], () => Promise.resolve(ok(inProgress())));
    const repositories: FakeRepositories = {
      ...base,
      sync: {
        ...(base.sync as SyncRepository),
        leaseOf: () => Promise.resolve({ status: 'elsewhere', holder: { name: 'Sam Patel', thisTablet: false }, tabletId: 'tablet-b', expiresAt: '2026-03-10T14:05:00.000Z' }),
        continueHere: () => Promise.reject(new Error('must not be called')),
      },
    };
    renderScreen(<DepartmentRecordPage id="from-b-3" />, { repositories });
    expect(await screen.findByText('It cannot be continued here now: Sam Patel is editing it on another tablet of the department.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue this assessment on this tablet' })).toBeNull();
  });
});
