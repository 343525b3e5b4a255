/**
 * The Fraser guidelines page by role and label: the five criteria each Met / Not met with a
 * reason, the power-imbalance answer showing the child sexual exploitation follow-up it opens,
 * the error summary, and under 13 no Fraser form: the page says referral is mandatory and
 * refuses a Fraser record for a 12-year-old.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

const ARRIVED = '2026-03-10T13:00:00.000Z';

function girl(dateOfBirth: string, changes: (record: AssessmentRecord) => void = () => undefined): AssessmentRecord {
  const record = assessmentRecord({ id: 'f1', arrivedAt: ARRIVED, dateOfBirth, attendanceReason: 'sexual-health', answers: { patient: { sex: 'female' } } });
  changes(record);
  return record;
}
const FIFTEEN = '2010-06-01';
const TWELVE = '2013-06-01';

describe('the Fraser guidelines page', () => {
  test('asks the five criteria, each Met / Not met with a reason', async () => {
    const { user } = renderAssessment(girl(FIFTEEN), 'fraser');
    expect(await screen.findByRole('heading', { level: 1, name: 'Fraser guidelines' })).toBeInTheDocument();
    for (const name of [
      'The young person understands the advice',
      'The young person cannot be persuaded to tell their parents, or to let you tell them',
      'The young person is very likely to start or continue having sex, with or without contraception',
      "Without the advice or treatment, the young person's physical or mental health, or both, is likely to suffer",
      "The young person's best interests need the advice or treatment to be given without parental consent",
    ]) {
      const group = screen.getByRole('group', { name });
      expect(within(group).getByRole('radio', { name: 'Met' })).toBeInTheDocument();
      expect(within(group).getByRole('radio', { name: 'Not met' })).toBeInTheDocument();
    }
    const first = screen.getByRole('group', { name: 'The young person understands the advice' });
    expect(within(first).queryByRole('textbox', { name: 'Reason' })).not.toBeInTheDocument();
    await user.click(within(first).getByRole('radio', { name: 'Not met' }));
    expect(within(first).getByRole('textbox', { name: 'Reason' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: "Partner's age (years)" })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Is the young person happy for their GP to be told about this attendance?' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Is the young person happy for their parents to be told about this attendance?' })).toBeInTheDocument();
  });

  test('a power imbalance asks for the concern and shows the child sexual exploitation follow-up it opens', async () => {
    const { user } = renderAssessment(girl(FIFTEEN), 'fraser');
    const group = await screen.findByRole('group', { name: /power imbalance, coercion or exploitation/ });
    expect(screen.queryByText(/complete the child sexual exploitation screen/)).not.toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Yes' }));
    expect(within(group).getByRole('textbox', { name: 'Describe the concern' })).toBeInTheDocument();
    expect(screen.getByText("A power imbalance with the young person's partner was recorded: complete the child sexual exploitation screen and follow it up")).toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'No' }));
    expect(screen.queryByText(/complete the child sexual exploitation screen/)).not.toBeInTheDocument();
  });

  test('Save and continue lists what is missing, with specific messages', async () => {
    const { user } = renderAssessment(girl(FIFTEEN), 'fraser');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Select whether the criterion about understanding the advice is met' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select whether the young person was encouraged to involve a parent or another trusted adult' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select whether the young person is happy for their GP to be told' })).toBeInTheDocument();
  });

  test('under 13: no Fraser form; the page says Fraser does not apply and referral is mandatory', async () => {
    renderAssessment(girl(TWELVE), 'fraser');
    expect(await screen.findByText(/Under 13: the Fraser guidelines do not apply\. Sexual activity involving a child under 13 needs a child protection referral/)).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: 'Met' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove the Fraser answers' })).not.toBeInTheDocument();
  });

  test('a Fraser record for a 12-year-old is refused until its answers are removed', async () => {
    const record = girl(TWELVE, (r) => {
      r.answers.fraser.criteria.understandsAdvice = { answer: 'met', reason: 'Typed before the date of birth was corrected' };
    });
    const { user } = renderAssessment(record, 'fraser');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'A Fraser record cannot be made for a 12-year-old: a child under 13 cannot consent to sexual activity. Remove the Fraser answers and make a child protection referral',
    });
    await user.click(link);
    const remove = screen.getByRole('button', { name: 'Remove the Fraser answers' });
    expect(remove).toHaveFocus();
    await user.click(remove);
    expect(screen.queryByRole('button', { name: 'Remove the Fraser answers' })).not.toBeInTheDocument();
  });

  test('is not on the task list of a 16-year-old attending for sexual health', async () => {
    renderAssessment(girl('2009-06-01'), '');
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Fraser guidelines/ })).not.toBeInTheDocument();
  });

  test('is on the task list of a 15-year-old attending for sexual health', async () => {
    renderAssessment(girl(FIFTEEN), '');
    expect(await screen.findByRole('link', { name: /Fraser guidelines/ })).toBeInTheDocument();
  });
});
