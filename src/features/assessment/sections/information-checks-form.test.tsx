/**
 * Component tests for the information checks page (PRODUCT.md 4.4): the CP-IS answers and
 * the no-NHS-number suggestion, the social worker reveal, the attendances already on this
 * tablet with the 3-in-12-months flag, the health visitor or school nurse label, and errors
 * only on "Save and continue".
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cpisOptions } from '../../../domain/assessment/information-checks';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';
const BABY_DOB = '2025-06-01';

const current = (changes: Partial<Parameters<typeof assessmentRecord>[0]> = {}) =>
  assessmentRecord({ id: 'current', arrivedAt: ARRIVED, dateOfBirth: BABY_DOB, ...changes });

const earlier = (id: string, arrivedAt: string, changes: Partial<Parameters<typeof assessmentRecord>[0]> = {}) =>
  assessmentRecord({ id, arrivedAt, dateOfBirth: BABY_DOB, attendanceReason: 'illness', ...changes });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('information checks', () => {
  test('offers all seven CP-IS answers in canonical wording, and the other-reason reveal', async () => {
    const { user } = renderAssessment(current(), 'information-checks');
    const cpis = await screen.findByRole('group', { name: 'Child Protection Information Sharing (CP-IS) check' });
    expect(within(cpis).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual(cpisOptions.map((option) => option.label));
    expect(screen.queryByLabelText('Why was CP-IS not checked?')).not.toBeInTheDocument();
    await user.click(within(cpis).getByRole('radio', { name: 'Not checked – other (reason)' }));
    expect(screen.getByLabelText('Why was CP-IS not checked?')).toBeInTheDocument();
  });

  test("pre-fills 'Not checked – no NHS number' when the patient has none, and says so", async () => {
    renderAssessment(current({ nhsNumber: '' }), 'information-checks');
    expect(await screen.findByRole('radio', { name: 'Not checked – no NHS number' })).toBeChecked();
    expect(screen.getByText(/Pre-filled: the patient section has no NHS number/)).toBeInTheDocument();
  });

  test('does not pre-fill CP-IS when there is a valid NHS number', async () => {
    renderAssessment(current(), 'information-checks');
    const cpis = await screen.findByRole('group', { name: 'Child Protection Information Sharing (CP-IS) check' });
    for (const radio of within(cpis).getAllByRole('radio')) expect(radio).not.toBeChecked();
  });

  test("asks for the social worker's name, team and phone when the child is known to social care", async () => {
    const { user } = renderAssessment(current(), 'information-checks');
    const socialCare = await screen.findByRole('group', { name: "Is the child known to children's social care?" });
    await user.click(within(socialCare).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByLabelText("Social worker's name")).toBeInTheDocument();
    expect(screen.getByLabelText('Team')).toBeInTheDocument();
    expect(screen.getByLabelText('Phone number (optional)')).toHaveAttribute('type', 'tel');
  });

  test('asks whether there is an open case now only when the child is known to social care, and requires it', async () => {
    const { user } = renderAssessment(current(), 'information-checks');
    const socialCare = await screen.findByRole('group', { name: "Is the child known to children's social care?" });
    const openCase = "Is there an open case with children's social care now?";
    expect(screen.queryByRole('group', { name: openCase })).not.toBeInTheDocument();
    await user.click(within(socialCare).getByRole('radio', { name: 'Yes' }));
    const group = screen.getByRole('group', { name: openCase });
    expect(within(group).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual(['Yes', 'No', 'Not known']);
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('link', { name: "Select whether there is an open case with children's social care now" })).toBeInTheDocument();
    // The open-case question is revealed under the social-care "Yes": its own "No" comes first.
    await user.click(within(socialCare).getAllByRole('radio', { name: 'No' })[1] as HTMLElement);
    expect(screen.queryByRole('group', { name: openCase })).not.toBeInTheDocument();
  });

  test('lists the other attendances on this tablet with date, reason and status, and flags 3 in 12 months', async () => {
    const others = [
      earlier('older', '2024-12-01T10:00:00.000Z', { signedAt: '2024-12-01T12:00:00.000Z' }),
      earlier('november', '2025-11-02T10:00:00.000Z', { signedAt: '2025-11-02T12:00:00.000Z' }),
      earlier('february', '2026-02-20T18:30:00.000Z'),
      earlier('someone-else', '2026-01-05T09:00:00.000Z', { nhsNumber: '401 023 2137', familyName: 'Smith' }),
    ];
    renderAssessment(current(), 'information-checks', { others });
    const table = await screen.findByRole('table', { name: 'Matched by NHS number, or last name and date of birth' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['20 February 2026 at 18:30', 'Illness', 'In progress'],
      ['2 November 2025 at 10:00', 'Illness', 'Signed'],
      ['1 December 2024 at 10:00', 'Illness', 'Signed'],
    ]);
    expect(screen.getByRole('heading', { name: /3 or more attendances in 12 months/ })).toBeInTheDocument();
  });

  test('one earlier attendance in 12 months (two with this one) is not flagged', async () => {
    const others = [earlier('november', '2025-11-02T10:00:00.000Z'), earlier('older', '2024-12-01T10:00:00.000Z')];
    renderAssessment(current(), 'information-checks', { others });
    await screen.findByRole('table');
    expect(screen.queryByRole('heading', { name: /3 or more attendances in 12 months/ })).not.toBeInTheDocument();
  });

  test('matches by last name and date of birth when there is no NHS number', async () => {
    const others = [earlier('by-name', '2026-01-15T10:00:00.000Z', { nhsNumber: '', givenName: 'Amara', familyName: 'OKAFOR' })];
    renderAssessment(current({ nhsNumber: '' }), 'information-checks', { others });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('15 January 2026 at 10:00')).toBeInTheDocument();
  });

  test('says how to find other attendances when there is nothing to match on', async () => {
    renderAssessment(current({ nhsNumber: '', familyName: '' }), 'information-checks');
    expect(await screen.findByText(/Add the NHS number, or the last name and date of birth, in the patient section/)).toBeInTheDocument();
  });

  test('flags 3 or more from the number the nurse enters, as they type', async () => {
    const { user } = renderAssessment(current(), 'information-checks');
    const count = await screen.findByLabelText('ED, MIU or urgent care attendances in the last 12 months');
    await user.type(count, '1');
    expect(screen.queryByRole('heading', { name: /3 or more attendances in 12 months/ })).not.toBeInTheDocument();
    await user.clear(count);
    await user.type(count, '2');
    expect(await screen.findByRole('heading', { name: /3 or more attendances in 12 months/ })).toBeInTheDocument();
  });

  test('shows the flags from earlier attendances, and a near miss as a possible match that is not counted (issue 12)', async () => {
    const others = [
      earlier('concern', '2025-12-01T10:00:00.000Z', { signedAt: '2025-12-01T12:00:00.000Z', answers: { outcome: { concernLevel: 'suspect' }, informationChecks: { cpis: 'checked-cp-plan' } } }),
      earlier('renamed', '2026-02-01T10:00:00.000Z', { familyName: 'Smith' }),
    ];
    renderAssessment(current(), 'information-checks', { others });
    const table = await screen.findByRole('table', { name: 'Matched by NHS number, or last name and date of birth' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    const flags = screen.getByRole('heading', { name: /Flags from earlier attendances/ }).closest('div') as HTMLElement;
    expect(within(flags).getByText('An earlier attendance recorded a concern level of Suspect')).toBeInTheDocument();
    expect(within(flags).getByText('CP-IS recorded a child protection plan at an earlier attendance')).toBeInTheDocument();
    expect(screen.getByText(/Possible matches, not counted: .*Same NHS number, different last name/)).toBeInTheDocument();
    // Two on the tablet, but one is only a possible match: with this one, two, so no flag.
    expect(screen.queryByRole('heading', { name: /3 or more attendances in 12 months/ })).not.toBeInTheDocument();
  });

  test('names the health visitor under 5 and the school nurse from 5', async () => {
    renderAssessment(current(), 'information-checks');
    expect(await screen.findByLabelText('Health visitor (optional)')).toBeInTheDocument();
  });

  test('names the school nurse for a 14-year-old', async () => {
    renderAssessment(current({ dateOfBirth: '2011-09-01' }), 'information-checks');
    expect(await screen.findByLabelText('School nurse (optional)')).toBeInTheDocument();
  });

  test("shows errors only on 'Save and continue': summary focused, title prefixed, link to the question", async () => {
    const { user } = renderAssessment(current(), 'information-checks');
    await screen.findByRole('group', { name: 'Child Protection Information Sharing (CP-IS) check' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    await waitFor(() => {
      expect(summary.parentElement).toHaveFocus();
    });
    expect(document.title).toMatch(/^Error: Information checks/);
    await user.click(within(summary).getByRole('link', { name: 'Select whether CP-IS was checked, and the result' }));
    expect(screen.getByRole('radio', { name: 'Checked – child protection plan' })).toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Checked – child protection plan' }).closest('fieldset')).toHaveAttribute('aria-describedby', expect.stringContaining('cpis-error'));
  });
});
