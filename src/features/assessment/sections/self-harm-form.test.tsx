/**
 * The self-harm or mental health page by role and label: who is with the young person,
 * parents informed, the overdose details, the safe-discharge checklist showing what is still
 * needed before discharge home (a discharge home with no adult stays "Still needed" until an
 * adult is named, or why none and who agreed are recorded), the error summary, and no risk
 * score or band anywhere on the page.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { AttendanceReason } from '../../../domain/assessment/context';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

const ARRIVED = '2026-03-10T13:00:00.000Z';
const FOURTEEN = '2011-09-01';

const young = (reason: AttendanceReason = 'self-harm', dateOfBirth = FOURTEEN): AssessmentRecord =>
  assessmentRecord({ id: 's1', arrivedAt: ARRIVED, dateOfBirth, attendanceReason: reason });

const checklistItem = (text: string): HTMLElement => {
  const list = screen.getByRole('list', { name: 'Safe discharge checklist' });
  const item = within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent.includes(text));
  if (!item) throw new Error(`No checklist item "${text}"`);
  return item;
};

describe('the self-harm or mental health page', () => {
  test('asks the canonical questions and reveals the overdose details', async () => {
    const { user } = renderAssessment(young(), 'self-harm');
    expect(await screen.findByRole('heading', { level: 1, name: 'Self-harm or mental health' })).toBeInTheDocument();
    const withGroup = screen.getByRole('group', { name: 'Who is with the young person now?' });
    await user.click(within(withGroup).getByRole('radio', { name: 'Someone is with the young person' }));
    expect(within(withGroup).getByRole('textbox', { name: 'Full name' })).toBeInTheDocument();
    expect(within(withGroup).getByRole('group', { name: 'Does this person have parental responsibility?' })).toBeInTheDocument();
    const parents = screen.getByRole('group', { name: 'Have the parents or carers been informed?' });
    await user.click(within(parents).getByRole('radio', { name: 'No' }));
    expect(within(parents).getByRole('radio', { name: "A competent young person's wish" })).toBeInTheDocument();
    const overdose = screen.getByRole('group', { name: 'Was this an overdose?' });
    await user.click(within(overdose).getByRole('radio', { name: 'Yes' }));
    expect(within(overdose).getByRole('textbox', { name: 'What was taken, and how much?' })).toBeInTheDocument();
    expect(within(overdose).getByRole('group', { name: 'Date taken' })).toBeInTheDocument();
    expect(within(overdose).getByRole('textbox', { name: 'Time taken' })).toBeInTheDocument();
    expect(within(overdose).getByRole('checkbox', { name: 'Time not known' })).toBeInTheDocument();
    expect(within(overdose).getByRole('group', { name: 'Was it staggered?' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Access to means at home' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'CAMHS or liaison mental health involvement' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Safety plan agreed' })).toBeInTheDocument();
  });

  test('the safe-discharge checklist shows a discharge home with no adult as still needed until one is named', async () => {
    const { user } = renderAssessment(young(), 'self-harm');
    const safe = await screen.findByRole('group', { name: 'Safe discharge' });
    expect(checklistItem('A responsible adult who will stay with the young person is named')).toHaveTextContent(/^Still needed/);
    await user.type(within(safe).getByRole('textbox', { name: 'If no responsible adult can be named, why? (optional)' }), 'Lives in supported lodgings');
    expect(checklistItem('A responsible adult who will stay with the young person is named')).toHaveTextContent(/^Still needed/);
    await user.type(within(safe).getByRole('textbox', { name: 'Who agreed the discharge (name and role)? (optional)' }), 'Dr Lee, ED consultant');
    expect(checklistItem('A responsible adult who will stay with the young person is named')).toHaveTextContent(/^Done/);
    expect(checklistItem('A safety plan is agreed')).toHaveTextContent(/^Still needed/);
  });

  test('Save and continue lists what is missing, with specific messages', async () => {
    const { user } = renderAssessment(young('mental-health'), 'self-harm');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    for (const message of [
      'Select who is with the young person now',
      'Select whether the parents or carers have been informed',
      'Select whether this was an overdose',
      'Enter what access the young person has to means at home',
      'Select CAMHS or liaison mental health involvement',
      'Enter the safety plan agreed',
    ]) {
      expect(within(summary).getByRole('link', { name: message })).toBeInTheDocument();
    }
  });

  test('shows no risk score, band or level', async () => {
    renderAssessment(young(), 'self-harm');
    await screen.findByRole('heading', { level: 1, name: 'Self-harm or mental health' });
    expect(document.body.textContent).not.toMatch(/risk score|low risk|medium risk|high risk|risk level|risk band/i);
  });

  test('Check answers shows the rows with Change links that land on the answer', async () => {
    const record = young();
    Object.assign(record.answers.selfHarm, { overdose: 'no', accessToMeans: 'Medicines locked away', camhs: 'referred' });
    const { user } = renderAssessment(record, 'check-answers');
    await screen.findByRole('heading', { level: 1, name: 'Check answers' });
    const change = await screen.findByRole('link', { name: /^Change\s*access to means at home$/ });
    expect(screen.getByText('Medicines locked away')).toBeInTheDocument();
    expect(screen.getByText('Referred')).toBeInTheDocument();
    await user.click(change);
    expect(await screen.findByRole('textbox', { name: 'Access to means at home' })).toHaveFocus();
  });

  test('is on the task list at 17', async () => {
    renderAssessment(young('self-harm', '2008-09-01'), '');
    expect(await screen.findByRole('link', { name: /Self-harm or mental health/ })).toBeInTheDocument();
  });

  test('is not on the task list at 18', async () => {
    renderAssessment(young('self-harm', '2007-09-01'), '');
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Self-harm or mental health/ })).not.toBeInTheDocument();
  });
});
