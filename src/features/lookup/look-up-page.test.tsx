/**
 * Component tests for the patient look-up page (issue 12): a malformed NHS number gets a clear
 * message in the error summary; a look-up shows the attendances newest first with the flags;
 * a near miss is a possible match the nurse confirms or rejects; starting a new assessment
 * pre-fills the patient details.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { fakeRepositories, renderScreen } from '../../test-support/render-screen';
import { LookUpPage } from './look-up-page';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const DOB = '2019-05-04';

const visit = (id: string, arrivedAt: string, changes: Partial<Parameters<typeof assessmentRecord>[0]> = {}) =>
  assessmentRecord({ id, arrivedAt, dateOfBirth: DOB, attendanceReason: 'injury', signedAt: arrivedAt, ...changes });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('patient look-up', () => {
  test('a malformed NHS number is refused with a clear message', async () => {
    const { user } = renderScreen(<LookUpPage />);
    await user.type(await screen.findByLabelText('NHS number (optional)'), '943 476 591');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'NHS number must be 10 digits, like 943 476 5919' })).toHaveAttribute('href', '#nhsNumber');
    expect(document.title).toMatch(/^Error: /);
  });

  test('finds every attendance newest first with the 3-in-12-months flag, and a near miss to confirm or reject', async () => {
    const attendances = [
      visit('first', '2025-06-01T10:00:00.000Z'),
      visit('second', '2025-11-02T10:00:00.000Z'),
      visit('third', '2026-03-01T10:00:00.000Z', { answers: { outcome: { concernLevel: 'consider' } } }),
      visit('renamed', '2025-09-09T10:00:00.000Z', { familyName: 'Smith' }),
      visit('other-person', '2025-09-10T10:00:00.000Z', { nhsNumber: '401 023 2137', familyName: 'Jones' }),
    ];
    const { user } = renderScreen(<LookUpPage />, { repositories: fakeRepositories({ attendances }) });
    await user.type(await screen.findByLabelText('NHS number (optional)'), '9434765919');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('heading', { name: '3 attendances on this tablet' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Attendances of this patient, newest first' });
    expect(within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['1 March 2026 at 10:00', '2 November 2025 at 10:00', '1 June 2025 at 11:00']);
    const flags = screen.getByRole('heading', { name: /Flags from earlier attendances/ }).closest('div') as HTMLElement;
    expect(within(flags).getByText('3 or more attendances in 12 months (3)')).toBeInTheDocument();
    expect(within(flags).getByText('An earlier attendance recorded a concern level of Consider')).toBeInTheDocument();
    // The same NHS number under another last name: shown, not counted, until the nurse decides.
    expect(screen.getByText('Same NHS number, different last name')).toBeInTheDocument();
    expect(screen.queryByText(/Jones/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Same patient/ }));
    expect(await screen.findByRole('heading', { name: '4 attendances on this tablet' })).toBeInTheDocument();
    expect(screen.queryByText('Same NHS number, different last name')).not.toBeInTheDocument();
  });

  test('a rejected possible match is not shown or counted', async () => {
    const attendances = [visit('one', '2026-01-01T10:00:00.000Z'), visit('twin', '2026-02-01T10:00:00.000Z', { nhsNumber: '401 023 2137', givenName: 'Chidi' })];
    const { user } = renderScreen(<LookUpPage />, { repositories: fakeRepositories({ attendances }) });
    await user.type(await screen.findByLabelText('Last name (optional)'), 'okafor');
    await user.type(screen.getByLabelText('Day'), '4');
    await user.type(screen.getByLabelText('Month'), '5');
    await user.type(screen.getByLabelText('Year'), '2019');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Same last name and date of birth, different NHS number')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Not this patient/ }));
    expect(screen.getByRole('heading', { name: '1 attendance on this tablet' })).toBeInTheDocument();
    expect(screen.getByText(/You said 1 possible match is not this patient/)).toBeInTheDocument();
  });

  test('nothing found says what to do', async () => {
    const { user } = renderScreen(<LookUpPage />);
    await user.type(await screen.findByLabelText('NHS number (optional)'), '943 476 5919');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/No attendances for this patient are on this tablet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start a new assessment for this patient' })).not.toBeInTheDocument();
  });

  test('starting a new assessment pre-fills the patient details from the newest attendance', async () => {
    const attendances = [visit('only', '2026-01-01T10:00:00.000Z', { answers: { patient: { gpPractice: 'Valley Surgery' } } })];
    const repositories = fakeRepositories({ attendances });
    const { user } = renderScreen((pathname) => (pathname === '/find-a-patient' ? <LookUpPage /> : <p>At {pathname}</p>), { repositories, path: '/find-a-patient' });
    await user.type(await screen.findByLabelText('NHS number (optional)'), '943 476 5919');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByRole('button', { name: 'Start a new assessment for this patient' }));
    const at = await screen.findByText(/^At \/assessments\/.+\/patient$/);
    const id = decodeURIComponent(at.textContent.replace(/^At \/assessments\//, '').replace(/\/patient$/, ''));
    const opened = await repositories.attendances.open(id);
    if (!opened.ok) throw new Error(opened.error.message);
    const record = opened.value.record();
    await waitFor(() => expect(record.prefilledFrom?.attendanceId).toBe('only'));
    expect(record.answers.patient).toMatchObject({ familyName: 'Okafor', gpPractice: 'Valley Surgery', attendanceReason: '' });
  });
});
