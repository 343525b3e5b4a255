/**
 * A known case of FGM on the outcome page (issue 9): the police question is asked and required
 * before any level is chosen, its hint is the personal reporting duty, and "What to do next"
 * lists the 101 report with its deadline. A disclosure on an illness presentation brings the
 * same, because it opens the FGM questions.
 */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Answers } from '../../../domain/assessment/record';
import { fgmQuestions } from '../../../domain/screening/fgm';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

afterEach(() => {
  vi.useRealTimers();
});

const KNOWN_CASE: Partial<Answers['fgm']> = { asked: 'yes', observedSigns: 'not-examined', fgmType: 'not-known', policeReport: 'will-report', reportedBy: 'Alex Morgan' };

function girl(attendanceReason: Answers['patient']['attendanceReason'], safeguarding: Partial<Answers['safeguarding']> = {}) {
  const record = assessmentRecord({ id: 'a1', arrivedAt: '2026-03-10T13:00:00.000Z', dateOfBirth: '2011-06-01', attendanceReason, answers: { patient: { sex: 'female' }, safeguarding } });
  Object.assign(record.answers.fgm, KNOWN_CASE);
  return record;
}

describe('a known case of FGM on the outcome page', () => {
  test('the police question is required, with the reporting duty as its hint, and the next step names 101', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-10T14:00:00.000Z') });
    renderAssessment(girl('genital-urinary-gynaecological'), 'outcome');
    const police = await screen.findByRole('group', { name: 'Police informed' });
    expect(police).toHaveAccessibleDescription(fgmQuestions.policePrompt);
    expect(await screen.findByText(/^Known FGM in a girl under 18: report it to the police on 101 by the end of 11 March 2026/)).toBeInTheDocument();
  });

  test('opened by a disclosure on an illness presentation: the same prompt', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-10T14:00:00.000Z') });
    renderAssessment(girl('illness', { disclosure: 'yes', disclosureWhatWasSaid: 'They cut me when I was little', disclosureBy: 'the young person' }), 'outcome');
    expect(await screen.findByRole('group', { name: 'Police informed' })).toHaveAccessibleDescription(fgmQuestions.policePrompt);
  });

  test('without the FGM questions applying (illness, no disclosure), no prompt: the question waits for the level', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-10T14:00:00.000Z') });
    renderAssessment(girl('illness'), 'outcome');
    await screen.findByRole('group', { name: 'Safeguarding concern' });
    expect(screen.queryByRole('group', { name: /^Police informed/ })).not.toBeInTheDocument();
  });
});
