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
