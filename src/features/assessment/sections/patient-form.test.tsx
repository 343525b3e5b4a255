/**
 * Component tests for the patient page (PRODUCT.md 4.1, section 3): what the nurse types
 * into the date of birth, the estimated age or the reason for attendance changes the
 * questions on screen at once, before any save: the age note and the child pathway's
 * school question, the young person's hint, and the injury time.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createAssessment } from '../../../domain/assessment/lifecycle';
import { TEST_NURSE_REF } from '../../../test-support/render-screen';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';

/** A new attendance, exactly as "Start new assessment" creates it. */
const blank = () => createAssessment('new', ARRIVED, TEST_NURSE_REF);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

async function typeDateOfBirth(user: ReturnType<typeof renderAssessment>['user'], day: string, month: string, year: string) {
  const group = await screen.findByRole('group', { name: 'Date of birth' });
  await user.type(within(group).getByLabelText('Day'), day);
  await user.type(within(group).getByLabelText('Month'), month);
  await user.type(within(group).getByLabelText('Year'), year);
}

describe('patient page reveals', () => {
  test('typing a child’s date of birth shows the age, the child pathway and the school question', async () => {
    const { user } = renderAssessment(blank(), 'patient');
    await screen.findByRole('heading', { name: 'Patient and attendance', level: 1 });
    expect(screen.getByText(/Enter a date of birth or an estimated age/)).toBeInTheDocument();
    expect(screen.queryByLabelText('School, college or nursery')).not.toBeInTheDocument();

    await typeDateOfBirth(user, '14', '3', '2012');

    expect(screen.getByText(/This patient is on the child pathway/)).toBeInTheDocument();
    expect(screen.getByText('13 years')).toBeInTheDocument();
    expect(screen.getByLabelText('School, college or nursery')).toBeInTheDocument();
    expect(screen.getByText('Not being in education is an indicator of child sexual exploitation risk')).toBeInTheDocument();
  });

  test('retyping the year keeps the pathway and its questions until the year is complete, then follows it', async () => {
    const { user } = renderAssessment(blank(), 'patient');
    await typeDateOfBirth(user, '14', '3', '2012');
    expect(screen.getByLabelText('School, college or nursery')).toBeInTheDocument();
    const school = screen.getByLabelText('School, college or nursery');
    const year = within(screen.getByRole('group', { name: 'Date of birth' })).getByLabelText('Year');
    await user.tripleClick(year);
    for (const typed of ['1', '19', '199']) {
      await user.keyboard(typed.slice(-1));
      expect(year).toHaveValue(typed);
      // The same question, never unmounted while the year is part-typed.
      expect(screen.getByLabelText('School, college or nursery')).toBe(school);
      expect(screen.getByText(/This patient is on the child pathway/)).toBeInTheDocument();
      expect(screen.getByText('13 years')).toBeInTheDocument();
    }
    await user.keyboard('0');
    expect(screen.getByText(/This patient is on the adult pathway/)).toBeInTheDocument();
    expect(screen.queryByLabelText('School, college or nursery')).not.toBeInTheDocument();
    // A year emptied reads as no date of birth, at once.
    await user.clear(year);
    expect(screen.getByText(/Enter a date of birth or an estimated age/)).toBeInTheDocument();
  });

  test('an adult’s date of birth shows the adult pathway and no school question', async () => {
    const { user } = renderAssessment(blank(), 'patient');
    await typeDateOfBirth(user, '2', '9', '1990');
    expect(screen.getByText(/This patient is on the adult pathway/)).toBeInTheDocument();
    expect(screen.queryByLabelText('School, college or nursery')).not.toBeInTheDocument();
  });

  test('an estimated age decides the pathway when the date of birth is not known', async () => {
    const { user } = renderAssessment(blank(), 'patient');
    await user.click(await screen.findByLabelText('Date of birth not known'));
    await user.type(await screen.findByLabelText(/Estimated age/), '6');
    expect(screen.getByText(/This patient is on the child pathway/)).toBeInTheDocument();
    expect(screen.getByLabelText('School, college or nursery')).toBeInTheDocument();
  });

  test('choosing Injury asks when the injury happened', async () => {
    const { user } = renderAssessment(blank(), 'patient');
    const reason = await screen.findByRole('group', { name: 'Reason for attendance' });
    expect(screen.queryByRole('group', { name: 'When did the injury happen?' })).not.toBeInTheDocument();
    await user.click(within(reason).getByRole('radio', { name: 'Injury' }));
    expect(screen.getByRole('group', { name: 'When did the injury happen?' })).toBeInTheDocument();
    expect(screen.getByLabelText('Time of injury')).toBeInTheDocument();
  });
});
