/**
 * A known case of FGM in the "What to do next" panel (issue 9): the record's FGM answers make
 * Suspect the working level even before a level is chosen, and the panel lists the personal
 * police (101) report with its deadline, done once the report is recorded. A disclosure opens
 * the questions on any presentation (the context carries it).
 */
import { describe, expect, test } from 'vitest';
import { contextForAge, NOW } from '../../test-support/domain-fixtures';
import { emptyAnswers } from '../assessment/record';
import type { Answers } from '../assessment/record';
import { deviceSettingsSchema } from '../settings/device-settings';
import { nextSteps, workingLevel } from './next-steps';

const SETTINGS = deviceSettingsSchema.parse({ contacts: { safeguardingTeam: '0115 924 9924', paediatricLiaison: '0115 924 9925', mash: '0300 500 8090', emergencyDutyTeam: '0300 456 4546' } });

function knownCase(policeReport: Answers['fgm']['policeReport']): Answers {
  const answers = emptyAnswers();
  Object.assign(answers.fgm, { asked: 'yes', observedSigns: 'not-examined', fgmType: 'not-known', policeReport, reportedBy: 'Alex Morgan' });
  return answers;
}

const ctx = (overrides: Parameters<typeof contextForAge>[1] = {}) => contextForAge(14, { sex: 'female', attendanceReason: 'genital-urinary-gynaecological', now: NOW, ...overrides });

describe('a known case of FGM in the next steps', () => {
  test('Suspect is the working level with no level chosen (only Suspect is allowed)', () => {
    expect(workingLevel(knownCase(''), ctx())).toBe('suspect');
    expect(workingLevel(emptyAnswers(), ctx())).toBeUndefined();
  });

  test('the police report step names 101 and the end of the next working day, and is not done until reported', () => {
    const step = nextSteps(knownCase('will-report'), ctx(), SETTINGS, NOW).find((entry) => entry.id === 'report-fgm-to-police');
    expect(step?.text).toBe('Known FGM in a girl under 18: report it to the police on 101 by the end of 11 March 2026. The duty is yours and cannot be passed on. Record the report on the FGM page');
    expect(step?.source).toContain('FGM Act 2003 s5B');
    expect(step?.done).toBe(false);
  });

  test.each([
    ['reported', true],
    ['reported-by-colleague', true],
    ['will-report', false],
    ['', false],
  ] as const)('report status %s: done %s', (status, done) => {
    expect(nextSteps(knownCase(status), ctx(), SETTINGS, NOW).find((entry) => entry.id === 'report-fgm-to-police')?.done).toBe(done);
  });

  test('no step without a known case, for a boy, or for a girl whose presentation does not bring the questions', () => {
    const at = (answers: Answers, context = ctx()) => nextSteps(answers, context, SETTINGS, NOW).some((entry) => entry.id === 'report-fgm-to-police');
    const noCase = knownCase('');
    Object.assign(noCase.fgm, { asked: 'no', observedSigns: 'no' });
    expect(at(noCase)).toBe(false);
    expect(at(knownCase(''), ctx({ sex: 'male' }))).toBe(false);
    expect(at(knownCase(''), ctx({ attendanceReason: 'illness' }))).toBe(false);
  });

  test('a disclosure opens the questions on any presentation, so the step appears', () => {
    expect(nextSteps(knownCase(''), ctx({ attendanceReason: 'illness', disclosure: true }), SETTINGS, NOW).some((entry) => entry.id === 'report-fgm-to-police')).toBe(true);
  });
});
