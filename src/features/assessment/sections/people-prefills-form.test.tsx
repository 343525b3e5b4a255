/**
 * The people page by role and label: what the app pre-fills (a mother's parental
 * responsibility, next of kin as the one person with the patient) and takes back when its
 * reason goes; the no-parental-responsibility escalation under 16 only, with the reason still
 * asked at 16–17; and no alert for a child who came alone (alert-fatigue control).
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';
const EIGHT = '2017-09-01';
const FOURTEEN = '2011-09-01';
const SIXTEEN = '2009-09-01';

const child = (dateOfBirth: string) => assessmentRecord({ id: 'a1', arrivedAt: ARRIVED, dateOfBirth });
const prGroup = () => screen.getByRole('group', { name: 'Does this person have parental responsibility?' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what the people page pre-fills', () => {
  test('a mother: parental responsibility Yes, Birth mother, and next of kin the person with the patient', async () => {
    const { user } = renderAssessment(child(EIGHT), 'next-of-kin');
    await user.click(await screen.findByRole('radio', { name: 'Someone came with the patient' }));
    expect(screen.getByRole('radio', { name: 'Same as the person with the patient' })).toBeChecked();
    expect(within(prGroup()).getByRole('radio', { name: 'Yes' })).not.toBeChecked();
    await user.selectOptions(screen.getByLabelText('Relationship to the patient'), 'Mother');
    expect(within(prGroup()).getByRole('radio', { name: 'Yes' })).toBeChecked();
    const basis = screen.getByRole('combobox', { name: 'How do they have parental responsibility?' });
    expect(basis).toHaveValue('birth-mother');
    expect(basis).toHaveAccessibleDescription('Filled in as Birth mother when the relationship is Mother: change it for an adoptive mother');
  });

  test('the pre-filled parental responsibility is taken back when the relationship is changed from Mother', async () => {
    const { user } = renderAssessment(child(EIGHT), 'next-of-kin');
    await user.click(await screen.findByRole('radio', { name: 'Someone came with the patient' }));
    await user.selectOptions(screen.getByLabelText('Relationship to the patient'), 'Mother');
    expect(within(prGroup()).getByRole('radio', { name: 'Yes' })).toBeChecked();
    await user.selectOptions(screen.getByLabelText('Relationship to the patient'), 'Father');
    for (const name of ['Yes', 'No', 'Not known']) expect(within(prGroup()).getByRole('radio', { name })).not.toBeChecked();
  });

  test('an answer the nurse changed is kept', async () => {
    const { user } = renderAssessment(child(EIGHT), 'next-of-kin');
    await user.click(await screen.findByRole('radio', { name: 'Someone came with the patient' }));
    await user.click(screen.getByRole('radio', { name: 'Someone else' }));
    await user.selectOptions(screen.getAllByLabelText('Relationship to the patient')[0]!, 'Mother');
    expect(screen.getByRole('radio', { name: 'Someone else' })).toBeChecked();
  });
});

describe('no one with parental responsibility', () => {
  async function nameFatherWithoutPr(dateOfBirth: string) {
    const rendered = renderAssessment(child(dateOfBirth), 'next-of-kin');
    const { user } = rendered;
    await user.click(await screen.findByRole('radio', { name: 'Someone came with the patient' }));
    await user.type(screen.getByLabelText('Full name'), 'Dan Okafor');
    await user.selectOptions(screen.getByLabelText('Relationship to the patient'), 'Father');
    await user.click(within(prGroup()).getByRole('radio', { name: 'No' }));
    return rendered;
  }

  test('under 16: the escalation and the reason', async () => {
    await nameFatherWithoutPr(FOURTEEN);
    expect(await screen.findByText('No one with parental responsibility has been named')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Why can no one with parental responsibility be named?' })).toBeInTheDocument();
  });

  test('16: no escalation (they consent for themselves), but the reason is still asked', async () => {
    await nameFatherWithoutPr(SIXTEEN);
    expect(await screen.findByRole('textbox', { name: 'Why can no one with parental responsibility be named?' })).toBeInTheDocument();
    expect(screen.queryByText('No one with parental responsibility has been named')).not.toBeInTheDocument();
  });
});

test('a 14-year-old who came alone raises no alert on the people page (alert fatigue)', async () => {
  const { user } = renderAssessment(child(FOURTEEN), 'next-of-kin');
  await user.click(await screen.findByRole('radio', { name: 'Nobody, the patient came alone' }));
  expect(screen.queryByText(/has come alone/)).not.toBeInTheDocument();
  expect(document.querySelector('.nhsuk-warning-callout')).toBeNull();
});
