/**
 * The Think Family page by role and label: why it is required (or that it is offered, and
 * a trigger turned off in settings leaves it offered), the children list with an unborn
 * child's expected date of delivery, the escalation panel with the local numbers when the
 * children may not be safe now, and the error summary naming the action to record.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { AttendanceReason } from '../../../domain/assessment/context';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import { defaultDeviceSettings } from '../../../domain/settings/device-settings';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { letterSettings } from '../../../test-support/letter-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

const ARRIVED = '2026-03-10T13:00:00.000Z';
const adult = (reason: AttendanceReason): AssessmentRecord => assessmentRecord({ id: 't1', arrivedAt: ARRIVED, dateOfBirth: '1992-01-01', attendanceReason: reason });

describe('the Think Family page', () => {
  test('required after an overdose, with the canonical questions', async () => {
    renderAssessment(adult('self-harm'), 'think-family', { settings: letterSettings() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Think Family – children at home' })).toBeInTheDocument();
    expect(screen.getByText('Required for this patient because of: Self-harm or overdose.')).toBeInTheDocument();
    for (const question of ['Does the patient have children, or live with children?', 'Does the patient look after or care for any children?', 'Is the patient pregnant, or could they be?']) {
      expect(screen.getByRole('group', { name: question })).toBeInTheDocument();
    }
    const has = screen.getByRole('group', { name: 'Does the patient have children, or live with children?' });
    expect(within(has).getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['yes', 'no', 'declined', 'not-able-to-ask']);
  });

  test('offered after an injury', async () => {
    renderAssessment(adult('injury'), 'think-family', { settings: letterSettings() });
    expect(await screen.findByText('Offered: no Think Family trigger applies. Ask it where you can.')).toBeInTheDocument();
  });

  test('a trigger turned off in settings leaves the page offered', async () => {
    renderAssessment(adult('self-harm'), 'think-family', { settings: { ...defaultDeviceSettings(), thinkFamilyTriggersOff: ['self-harm'] } });
    expect(await screen.findByText('Offered: no Think Family trigger applies. Ask it where you can.')).toBeInTheDocument();
  });

  test('an unborn child is entered with an expected date of delivery, not a date of birth', async () => {
    const { user } = renderAssessment(adult('assault'), 'think-family', { settings: letterSettings() });
    await user.click(await screen.findByRole('button', { name: 'Add an unborn child' }));
    const unborn = screen.getByRole('group', { name: 'Unborn child' });
    expect(within(unborn).getByRole('group', { name: 'Expected date of delivery' })).toBeInTheDocument();
    expect(within(unborn).queryByRole('group', { name: 'Date of birth' })).not.toBeInTheDocument();
  });

  test('"Unsure" who is caring now opens the escalation panel with the local numbers; saving names the action to record', async () => {
    const { user } = renderAssessment(adult('self-harm'), 'think-family', { settings: letterSettings() });
    await user.click(within(await screen.findByRole('group', { name: 'Does the patient have children, or live with children?' })).getByRole('radio', { name: 'Yes' }));
    expect(screen.queryByText('The children may not be safe or supervised now.')).not.toBeInTheDocument();
    await user.click(within(screen.getByRole('group', { name: 'Are the children safe and supervised now?' })).getByRole('radio', { name: 'Unsure' }));
    const panel = (await screen.findByText('The children may not be safe or supervised now.')).closest('.nhsuk-warning-callout');
    if (!(panel instanceof HTMLElement)) throw new Error('no escalation panel');
    expect(panel).toHaveTextContent('Hospital safeguarding team: 0115 924 9924');
    expect(panel).toHaveTextContent("Children's social care (MASH): 0300 500 8090");
    expect(within(panel).getByRole('group', { name: /What has been done\?/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Record what has been done to make the children safe before signing: who you told' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter who you spoke to, when, and what was agreed, before signing' })).toBeInTheDocument();
  });

  test('a pregnancy recorded on the domestic abuse page is named against the pregnancy question, and only then', async () => {
    const withDomesticAbuse = (pregnant: 'yes' | 'no'): AssessmentRecord => {
      const record = adult('assault');
      return { ...record, answers: { ...record.answers, domesticAbuse: { ...record.answers.domesticAbuse, enquiry: 'disclosed', pregnant } } };
    };
    const first = renderAssessment(withDomesticAbuse('yes'), 'think-family', { settings: letterSettings() });
    const question = await screen.findByRole('group', { name: 'Is the patient pregnant, or could they be?' });
    expect(within(question).getByText('The domestic abuse section records that the patient is pregnant: add the unborn child here')).toBeInTheDocument();
    first.unmount();
    renderAssessment(withDomesticAbuse('no'), 'think-family', { settings: letterSettings() });
    expect(await screen.findByRole('group', { name: 'Is the patient pregnant, or could they be?' })).not.toHaveTextContent(/domestic abuse/);
  });
});
