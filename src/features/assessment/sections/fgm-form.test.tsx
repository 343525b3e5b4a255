/**
 * The FGM page by role and label: the questions of research §6.4 with "Not examined"; a
 * known case shows the police (101) report block with its deadline (end of the next working
 * day) and says the MASH referral and the safeguarding lead are required; a known case with
 * no reporter is refused; a girl at risk (not a known case) gets the FGM-IS step.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import type { Sex } from '../../../domain/assessment/context';
import { GENITAL_URINARY_GYNAE_REASON } from '../../../domain/screening/screening-context';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Arrived Friday 13 March 2026: the next working day is Monday 16 March. */
const ARRIVED = '2026-03-13T13:00:00.000Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-13T14:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function patient(sex: Sex, changes: (record: AssessmentRecord) => void = () => undefined): AssessmentRecord {
  const record = assessmentRecord({ id: 'g1', arrivedAt: ARRIVED, dateOfBirth: '2012-01-20', attendanceReason: GENITAL_URINARY_GYNAE_REASON, answers: { patient: { sex } } });
  changes(record);
  return record;
}

const deadlineParagraph = (_: string, element: Element | null): boolean =>
  element?.tagName === 'P' && (element.textContent).startsWith('Report to the police by the end of the next working day:');

const answer = async (user: ReturnType<typeof renderAssessment>['user'], group: string | RegExp, option: string) => {
  await user.click(within(await screen.findByRole('group', { name: group })).getByRole('radio', { name: option }));
};

describe('the FGM page', () => {
  test('asks whether she has been cut and whether signs are seen, with "Not examined"', async () => {
    renderAssessment(patient('female'), 'fgm');
    expect(await screen.findByRole('heading', { level: 1, name: 'Female genital mutilation (FGM)' })).toBeInTheDocument();
    const asked = screen.getByRole('group', { name: 'Has anyone ever cut or changed your private parts?' });
    expect(within(asked).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual([
      'Yes',
      'No',
      'Unsure',
      'Not asked (give the reason)',
    ]);
    expect(within(screen.getByRole('group', { name: 'Are there physical signs that appear to show FGM?' })).getByRole('radio', { name: 'Not examined' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Police report (101)' })).not.toBeInTheDocument();
  });

  test('a known case shows the police report block with the deadline, and says MASH and the safeguarding lead are required', async () => {
    const { user } = renderAssessment(patient('female'), 'fgm');
    await answer(user, 'Has anyone ever cut or changed your private parts?', 'Yes');
    await answer(user, 'Are there physical signs that appear to show FGM?', 'Not examined');
    expect(screen.getByText(deadlineParagraph)).toHaveTextContent('Report to the police by the end of the next working day: 16 March 2026.');
    expect(screen.getByText(/A referral to children's social care \(MASH\) and informing the safeguarding lead are required/)).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'FGM type, if known' })).getByRole('radio', { name: 'Not known' })).toBeInTheDocument();
    await answer(user, 'Police report (101)', 'Reported to the police (101)');
    expect(screen.getByRole('group', { name: 'Date reported' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Time reported' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Who reported it' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Police reference' })).toBeInTheDocument();
    await answer(user, 'Police report (101)', 'Not yet reported – I will report it');
    expect(screen.getByRole('textbox', { name: 'Who will report it' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Safeguarding lead informed (name)' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Is the young person at risk of FGM?' })).not.toBeInTheDocument();
  });

  test('a known case with no reporter is refused on Save and continue', async () => {
    const record = patient('not-known', (r) => {
      Object.assign(r.answers.fgm, { asked: 'no', observedSigns: 'yes', fgmType: 'type-1', safeguardingLeadInformed: 'Alex Lead' });
    });
    const { user } = renderAssessment(record, 'fgm');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter who reported the known FGM to the police: a known case must have a named reporter' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select whether the known FGM has been reported to the police' })).toBeInTheDocument();
    await user.click(within(summary).getByRole('link', { name: /a known case must have a named reporter/ }));
    expect(screen.getByRole('textbox', { name: /Who reported it/ })).toHaveFocus();
  });

  test('at risk, not a known case: the FGM-IS step', async () => {
    const { user } = renderAssessment(patient('female'), 'fgm');
    await answer(user, 'Has anyone ever cut or changed your private parts?', 'No');
    await answer(user, 'Are there physical signs that appear to show FGM?', 'No');
    expect(screen.queryByText(deadlineParagraph)).not.toBeInTheDocument();
    await answer(user, 'Is the young person at risk of FGM?', 'Yes');
    expect(screen.getByText(/follow local safeguarding procedures and check the FGM-IS indicator/)).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'What puts her at risk?' })).toBeInTheDocument();
    const fgmIs = screen.getByRole('group', { name: 'FGM Information Sharing (FGM-IS) indicator' });
    expect(within(fgmIs).getByRole('radio', { name: 'Indicator added' })).toBeInTheDocument();
  });

  test('is on the task list for a girl with the genital, urinary or gynaecological reason', async () => {
    renderAssessment(patient('female'), '');
    expect(await screen.findByRole('link', { name: /Female genital mutilation \(FGM\)/ })).toBeInTheDocument();
  });

  test('is not on the task list for a boy', async () => {
    renderAssessment(patient('male'), '');
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Female genital mutilation/ })).not.toBeInTheDocument();
  });
});
