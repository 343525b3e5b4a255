/**
 * A disclosure on the safeguarding prompts page tells the nurse the FGM questions now apply,
 * for a girl (or sex not known) under 18 only (research §6.4 "and any disclosure"; issue 9).
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { Answers } from '../../../domain/assessment/record';
import { fgmQuestions } from '../../../domain/screening/fgm';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

const child = (sex: Answers['patient']['sex']) =>
  assessmentRecord({ id: 'a1', arrivedAt: '2026-03-10T13:00:00.000Z', dateOfBirth: '2017-06-01', attendanceReason: 'illness', answers: { patient: { sex } } });

describe('a disclosure and the FGM questions', () => {
  test.each([
    ['female', true],
    ['not-known', true],
    ['male', false],
  ] as const)('sex %s: the note is shown %s', async (sex, shown) => {
    const { user } = renderAssessment(child(sex), 'safeguarding-prompts');
    const group = await screen.findByRole('group', { name: 'Has the child, or anyone else, said that someone has hurt, abused or neglected them?' });
    expect(screen.queryByText(fgmQuestions.openedByDisclosure)).not.toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Yes' }));
    if (shown) expect(screen.getByText(fgmQuestions.openedByDisclosure)).toBeVisible();
    else expect(screen.queryByText(fgmQuestions.openedByDisclosure)).not.toBeInTheDocument();
  });
});
