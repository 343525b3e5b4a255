/**
 * Component tests for the child sexual exploitation screen (PRODUCT.md 4.6; research §3):
 * the eight significant indicators with four answers each, "Not asked" reasons (only "too
 * unwell or intoxicated" when a mandatory trigger applies), suggestions from the record shown
 * with their source and never ticked, and the outcome as actions with the local numbers.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import { cseNotAskedReasonOptions, cseOtherIndicators, cseSignificantIndicators } from '../../../domain/screening/cse';
import { defaultDeviceSettings } from '../../../domain/settings/device-settings';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';
/** 15 years old on arrival. */
const DOB_15 = '2010-09-01';

const youngPerson = (changes: Partial<Parameters<typeof assessmentRecord>[0]> = {}): AssessmentRecord =>
  assessmentRecord({ id: 'yp', arrivedAt: ARRIVED, dateOfBirth: DOB_15, attendanceReason: 'illness', ...changes });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('child sexual exploitation screen', () => {
  test('asks the eight significant indicators, each Yes / No / Not known / Declined', async () => {
    renderAssessment(youngPerson(), 'cse-screen');
    await screen.findByRole('heading', { name: 'Child sexual exploitation screen', level: 1 });
    for (const indicator of cseSignificantIndicators) {
      const group = screen.getByRole('group', { name: indicator.label });
      expect(within(group).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual(['Yes', 'No', 'Not known', 'Declined']);
    }
  });

  test('offers every not-asked reason when no mandatory trigger applies', async () => {
    const { user } = renderAssessment(youngPerson(), 'cse-screen');
    await user.click(await screen.findByRole('checkbox', { name: 'The screen was not asked' }));
    const reasons = screen.getByRole('group', { name: 'Why was the screen not asked?' });
    expect(within(reasons).getAllByRole('radio')).toHaveLength(cseNotAskedReasonOptions.length);
    expect(screen.queryByRole('group', { name: cseSignificantIndicators[0].label })).not.toBeInTheDocument();
  });

  test('when a mandatory trigger applies only "too unwell or intoxicated" is offered, and it lets the section complete', async () => {
    const { user } = renderAssessment(youngPerson({ attendanceReason: 'assault' }), 'cse-screen');
    await user.click(await screen.findByRole('checkbox', { name: 'The screen was not asked' }));
    const reasons = screen.getByRole('group', { name: /Why was the screen not asked\?/ });
    expect(within(reasons).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual(['Not asked – too unwell or intoxicated']);
    expect(within(reasons).getByText(/The screen must be asked because the young person attended after an assault/)).toBeInTheDocument();
    await user.click(within(reasons).getByRole('radio', { name: 'Not asked – too unwell or intoxicated' }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
  });

  test('shows what is missing on Save and continue, with links to each significant indicator', async () => {
    const { user } = renderAssessment(youngPerson(), 'cse-screen');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Select an answer for going missing' })).toHaveAttribute('href', '#significant-going-missing');
    expect(within(summary).getAllByRole('link')).toHaveLength(8);
  });

  test('suggestions from the record name their source and tick nothing', async () => {
    const record = youngPerson({ attendanceReason: 'intoxication', answers: { patient: { notInEducation: true } } });
    renderAssessment(record, 'cse-screen');
    expect(await screen.findByText(/Recorded as not in education/)).toBeInTheDocument();
    expect(screen.getByText('From: School: not in education')).toBeInTheDocument();
    expect(screen.getByText('From: Reason for attendance')).toBeInTheDocument();
    for (const radio of screen.getAllByRole('radio')) expect(radio).not.toBeChecked();
  });

  test('a significant indicator shows the actions with the local numbers from settings', async () => {
    const settings = defaultDeviceSettings();
    settings.contacts.safeguardingTeam = '01632 960001';
    settings.contacts.mash = '01632 960002';
    const { user } = renderAssessment(youngPerson(), 'cse-screen', { settings });
    expect(screen.queryByRole('heading', { name: /What to do now/ })).not.toBeInTheDocument();
    const group = await screen.findByRole('group', { name: cseSignificantIndicators[3].label });
    await user.click(within(group).getByRole('radio', { name: 'Yes' }));
    expect(await screen.findByRole('heading', { name: /What to do now/ })).toBeInTheDocument();
    expect(screen.getByText(/Discuss with the safeguarding lead today: Hospital safeguarding team 01632 960001/)).toBeInTheDocument();
    expect(screen.getByText(/Refer under the local child sexual exploitation procedure: Children's social care \(MASH\) 01632 960002/)).toBeInTheDocument();
  });

  test.each<[number, number, boolean]>([
    [2, 1, false],
    [2, 2, true],
    [4, 3, false],
    [4, 4, true],
  ])('with the settings threshold at %s, %s other indicator(s) answered Yes → discussion prompted: %s', async (threshold, yes, prompted) => {
    const settings = { ...defaultDeviceSettings(), cseOtherIndicatorThreshold: threshold };
    const { user, repositories } = renderAssessment(youngPerson(), 'cse-screen', { settings });
    await screen.findByRole('group', { name: cseSignificantIndicators[0].label });
    for (const indicator of cseSignificantIndicators) await user.click(within(screen.getByRole('group', { name: indicator.label })).getByRole('radio', { name: 'No' }));
    for (const indicator of cseOtherIndicators.slice(0, yes)) await user.click(within(screen.getByRole('group', { name: indicator.label })).getByRole('radio', { name: 'Yes' }));
    if (prompted) expect(await screen.findByText('Discuss with the safeguarding lead')).toBeInTheDocument();
    else expect(await screen.findByText(new RegExp(`fewer than ${String(threshold)}: no discussion prompted`))).toBeInTheDocument();
    // The threshold the nurse was shown is recorded with the answers.
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' });
    expect(repositories.records.get().get('yp')?.answers.cse.otherThreshold).toBe(String(threshold));
  });

  test('a power imbalance reveals its description', async () => {
    const { user } = renderAssessment(youngPerson(), 'cse-screen');
    const group = await screen.findByRole('group', { name: /power imbalance/ });
    expect(screen.queryByLabelText('Describe the concern')).not.toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByLabelText('Describe the concern')).toBeInTheDocument();
  });
});
