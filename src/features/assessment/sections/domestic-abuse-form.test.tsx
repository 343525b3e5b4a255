/**
 * The domestic abuse and AUDIT-C pages by role and label: the enquiry's four answers, the
 * disclosure questions (DASH count, judgement, IDVA, safe contact, 999), MARAC at DASH 14 but
 * not 13, a DASH count outside 0–24 refused with its own message and kept as typed, the
 * children prompt, Check answers rows with Change links, and the AUDIT-C score at 4 and 5.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

const ARRIVED = '2026-03-13T13:00:00.000Z';
const ENQUIRY = 'Has the patient been asked about domestic abuse, in private?';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-13T14:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function patient(dateOfBirth: string, reason: AssessmentRecord['answers']['patient']['attendanceReason'], changes: (record: AssessmentRecord) => void = () => undefined): AssessmentRecord {
  const record = assessmentRecord({ id: 'da1', arrivedAt: ARRIVED, dateOfBirth, attendanceReason: reason, answers: { patient: { sex: 'female', interpreterNeeded: 'no' } } });
  changes(record);
  return record;
}

const adultAssault = (changes?: (record: AssessmentRecord) => void) => patient('1998-05-02', 'assault', changes);

const answer = async (user: ReturnType<typeof renderAssessment>['user'], group: string | RegExp, option: string) => {
  await user.click(within(await screen.findByRole('group', { name: group })).getByRole('radio', { name: option }));
};

describe('the domestic abuse page', () => {
  test('says the reason is an indicator and asks the enquiry with its four answers', async () => {
    renderAssessment(adultAssault(), 'domestic-abuse');
    expect(await screen.findByRole('heading', { level: 1, name: 'Domestic abuse' })).toBeInTheDocument();
    expect(screen.getByText('Present because of the reason for attendance: Assault.')).toBeInTheDocument();
    const enquiry = screen.getByRole('group', { name: ENQUIRY });
    expect(within(enquiry).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual([
      'Asked – disclosed',
      'Asked – denied',
      'Not safe to ask',
      'Not asked',
    ]);
  });

  test('Not safe to ask asks why and says a follow-up goes on the liaison list', async () => {
    const { user } = renderAssessment(adultAssault(), 'domestic-abuse');
    await answer(user, ENQUIRY, 'Not safe to ask');
    await user.type(screen.getByRole('textbox', { name: 'Why was it not safe to ask?' }), 'Partner stayed at the bedside');
    expect(screen.getByText(/it was not safe to ask at this attendance.*This goes on the liaison review list/)).toBeInTheDocument();
  });

  test('a disclosure asks for the DASH count (never its questions), judgement, IDVA, sharing, safe contact and immediate danger', async () => {
    const { user } = renderAssessment(adultAssault(), 'domestic-abuse');
    await answer(user, ENQUIRY, 'Asked – disclosed');
    expect(screen.getByRole('group', { name: 'Was an interpreter used?' })).toBeInTheDocument();
    expect(screen.getByText('Call the police on 999 now if the patient or anyone else is in immediate danger.')).toBeInTheDocument();
    await answer(user, 'DASH risk checklist', 'Completed');
    expect(screen.getByRole('textbox', { name: /Number of "yes" answers \(0 to 24\)/ })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'In your professional judgement, is the patient at high risk of serious harm?' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Referral to an IDVA or specialist domestic abuse service' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Sharing information for these referrals' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Safe contact number/ })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'When is it safe to call?' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'MARAC referral' })).not.toBeInTheDocument();
  });

  test('DASH 13 shows no MARAC referral; 14 does, with why', async () => {
    const { user } = renderAssessment(adultAssault(), 'domestic-abuse');
    await answer(user, ENQUIRY, 'Asked – disclosed');
    await answer(user, 'DASH risk checklist', 'Completed');
    const count = screen.getByRole('textbox', { name: /Number of "yes" answers/ });
    await user.type(count, '13');
    expect(screen.queryByRole('group', { name: 'MARAC referral' })).not.toBeInTheDocument();
    await user.clear(count);
    await user.type(count, '14');
    expect(await screen.findByRole('group', { name: 'MARAC referral' })).toBeInTheDocument();
    expect(screen.getByText('High risk because of 14 or more "yes" answers on the DASH risk checklist.')).toBeInTheDocument();
  });

  test('professional judgement alone brings MARAC, and asks what makes the risk high', async () => {
    const { user } = renderAssessment(adultAssault(), 'domestic-abuse');
    await answer(user, ENQUIRY, 'Asked – disclosed');
    await answer(user, 'In your professional judgement, is the patient at high risk of serious harm?', 'Yes');
    await user.click(within(screen.getByRole('group', { name: 'What makes you judge the risk high?' })).getByRole('checkbox', { name: 'Threats to kill' }));
    expect(await screen.findByRole('group', { name: 'MARAC referral' })).toBeInTheDocument();
    expect(screen.getByText('High risk because of professional judgement.')).toBeInTheDocument();
  });

  test('a DASH count of 25 is refused with its own message, and stays as typed', async () => {
    const record = adultAssault((r) => {
      Object.assign(r.answers.domesticAbuse, { enquiry: 'disclosed', dash: 'completed', dashYesCount: '25' });
    });
    const { user } = renderAssessment(record, 'domestic-abuse');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    const message = 'The number of "yes" answers must be from 0 to 24: the DASH risk checklist has 24 questions';
    await user.click(within(summary).getByRole('link', { name: message }));
    const count = screen.getByRole('textbox', { name: /Number of "yes" answers/ });
    expect(count).toHaveFocus();
    expect(count).toHaveValue('25');
    expect(count).toHaveAccessibleDescription(expect.stringContaining(message) as string);
  });

  test('a pregnancy after a disclosure prompts Think Family and the child referral', async () => {
    const { user } = renderAssessment(adultAssault(), 'domestic-abuse');
    await answer(user, ENQUIRY, 'Asked – disclosed');
    await answer(user, 'Is the patient pregnant?', 'Yes');
    expect(screen.getByText(/complete Think Family for the children and any unborn child, and make a child safeguarding referral/)).toBeInTheDocument();
    expect(screen.getByRole('group', { name: "Child safeguarding referral (children's social care)" })).toBeInTheDocument();
  });

  test('is on the task list at 16 after an assault, not at 15', async () => {
    renderAssessment(patient('2009-12-01', 'assault'), '');
    expect(await screen.findByRole('link', { name: /^Domestic abuse/ })).toBeInTheDocument();
  });

  test('is not on the task list at 15', async () => {
    renderAssessment(patient('2010-06-01', 'assault'), '');
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Domestic abuse/ })).not.toBeInTheDocument();
  });

  test('Check answers has its rows, each with a Change link', async () => {
    const record = adultAssault((r) => {
      Object.assign(r.answers.domesticAbuse, { enquiry: 'disclosed', interpreterUsed: 'not-needed', dash: 'completed', dashYesCount: '15', maracReferral: 'passed-on', maracPassedTo: 'Safeguarding team' });
    });
    renderAssessment(record, 'check-answers');
    const section = await screen.findByRole('region', { name: 'Domestic abuse' });
    expect(within(section).getByText('Number of "yes" answers (0 to 24): 15')).toBeInTheDocument();
    expect(within(section).getByText('High risk: 14 or more "yes" answers on the DASH risk checklist')).toBeInTheDocument();
    expect(within(section).getByText('Passed to the hospital safeguarding team or IDVA to make')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: /^Change\s*marac referral$/ })).toHaveAttribute('href', '/assessments/da1/domestic-abuse');
    expect(within(section).getByRole('link', { name: /^Change\s*dash risk checklist$/ })).toBeInTheDocument();
  });
});

describe('the AUDIT-C page', () => {
  const intoxicated = (changes?: (record: AssessmentRecord) => void) => patient('1980-01-10', 'intoxication', changes);
  const [frequency, typicalUnits, heavy] = [
    'How often does the patient have a drink that contains alcohol?',
    'On a day when they drink, how many units of alcohol do they usually have?',
    'In the last year, how often have they had 6 or more units (women) or 8 or more units (men) on one occasion?',
  ];

  test('says the wording is ours, and scores 4 as below 5 with brief advice optional', async () => {
    const { user } = renderAssessment(intoxicated(), 'alcohol-audit-c');
    expect(await screen.findByRole('heading', { level: 1, name: 'Alcohol use (AUDIT-C)' })).toBeInTheDocument();
    expect(screen.getByText(/our own plain wording of the three AUDIT-C questions/)).toBeInTheDocument();
    await answer(user, frequency, '2 to 4 times a month');
    await answer(user, typicalUnits, '3 to 4');
    await answer(user, heavy, 'Less than monthly');
    expect(screen.getByText('AUDIT-C score: 4 out of 12. Below 5: lower risk.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /Brief advice about alcohol \(optional\)/ })).toBeInTheDocument();
  });

  test('5 is positive: brief advice is asked for', async () => {
    const { user } = renderAssessment(intoxicated(), 'alcohol-audit-c');
    await answer(user, frequency, '2 to 4 times a month');
    await answer(user, typicalUnits, '5 to 6');
    await answer(user, heavy, 'Less than monthly');
    expect(screen.getByRole('heading', { name: /AUDIT-C score: 5 out of 12/ })).toBeInTheDocument();
    expect(screen.getByText('Positive (5 or more): increasing or higher risk drinking.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Brief advice about alcohol' })).toBeInTheDocument();
  });

  test('after an injury, asks whether alcohol was involved first', async () => {
    const { user } = renderAssessment(patient('1980-01-10', 'injury'), 'alcohol-audit-c');
    expect(screen.queryByRole('group', { name: frequency })).not.toBeInTheDocument();
    await answer(user, 'Was alcohol involved in this attendance?', 'Yes');
    expect(screen.getByRole('group', { name: frequency })).toBeInTheDocument();
  });
});
