/**
 * FGM questions: who they apply to, the known-case rules (police report with a named
 * reporter, deadline by the end of the next working day), the at-risk route to FGM-IS, and
 * the facts the outcome page's police prompt reads.
 */
import { describe, expect, test } from 'vitest';
import type { Sex } from '../assessment/context';
import { screeningContext } from '../../test-support/screening-contexts';
import type { FgmDraft } from './fgm';
import { emptyFgmDraft, fgmApplies, fgmFollowUps, fgmKnownCase, fgmOutcomeRequirements, fgmPolicePrompt, fgmReportDeadline, nextWorkingDay, validateFgm } from './fgm';
import type { ScreeningReason } from './screening-context';
import { GENITAL_URINARY_GYNAE_REASON } from './screening-context';

const GUG = GENITAL_URINARY_GYNAE_REASON;
const ctxFemale = (age = 14, reason: ScreeningReason | undefined = GUG) => screeningContext(age, reason, 'female');

const knownCase = (changes: Partial<FgmDraft> = {}): FgmDraft => ({
  ...emptyFgmDraft(),
  asked: 'yes',
  observedSigns: 'not-examined',
  fgmType: 'not-known',
  policeReport: 'reported',
  reportDate: { day: '10', month: '3', year: '2026' },
  reportTime: '13:30',
  reportedBy: 'Sam Nurse, RN',
  policeReference: 'REF123',
  safeguardingLeadInformed: 'Alex Lead',
  ...changes,
});

describe('fgmApplies: female or sex not known, under 18, on presentation or disclosure', () => {
  test.each<[string, number | undefined, Sex | undefined, ScreeningReason | undefined, boolean, boolean]>([
    ['female 14, genital/urinary/gynae', 14, 'female', GUG, false, true],
    ['sex not known 14, genital/urinary/gynae', 14, 'not-known', GUG, false, true],
    ['sex not answered yet, genital/urinary/gynae', 14, undefined, GUG, false, true],
    ['male 14, genital/urinary/gynae', 14, 'male', GUG, false, false],
    ['other 14, genital/urinary/gynae', 14, 'other', GUG, false, false],
    ['female 0, genital/urinary/gynae', 0, 'female', GUG, false, true],
    ['female 17, genital/urinary/gynae', 17, 'female', GUG, false, true],
    ['female 18, genital/urinary/gynae', 18, 'female', GUG, false, false],
    ['female 14, injury', 14, 'female', 'injury', false, false],
    ['female 14, sexual health', 14, 'female', 'sexual-health', false, false],
    ['female 14, injury with a disclosure', 14, 'female', 'injury', true, true],
    ['male 14, disclosure', 14, 'male', 'injury', true, false],
    ['age not known', undefined, 'female', GUG, false, false],
  ])('%s → %s', (_name, age, sex, reason, disclosure, expected) => {
    expect(fgmApplies(screeningContext(age, reason, sex), emptyFgmDraft(), disclosure)).toBe(expected);
  });

  test('opened on disclosure by the nurse', () => {
    expect(fgmApplies(ctxFemale(14, 'illness'), { openedOnDisclosure: true })).toBe(true);
  });
});

describe('known case', () => {
  test.each<[string, FgmDraft['asked'], FgmDraft['observedSigns'], boolean]>([
    ['she says so', 'yes', 'not-examined', true],
    ['signs seen', 'no', 'yes', true],
    ['unsure, not examined', 'unsure', 'not-examined', false],
    ['no, no signs', 'no', 'no', false],
    ['not asked, not examined', 'not-asked', 'not-examined', false],
  ])('%s → %s', (_name, asked, observedSigns, expected) => {
    expect(fgmKnownCase({ ...emptyFgmDraft(), asked, observedSigns })).toBe(expected);
  });

  test('a complete known-case record validates; "Not examined" is allowed', () => {
    expect(validateFgm(knownCase(), ctxFemale())).toEqual([]);
  });

  test('a known case with no reporter is refused', () => {
    expect(validateFgm(knownCase({ reportedBy: ' ' }), ctxFemale())).toEqual([
      { field: 'reportedBy', message: 'Enter who reported the known FGM to the police: a known case must have a named reporter' },
    ]);
    expect(validateFgm(knownCase({ policeReport: 'will-report', reportedBy: '' }), ctxFemale())).toEqual([
      { field: 'reportedBy', message: 'Enter who will report the known FGM to the police' },
    ]);
  });

  test('a report made needs the date and time, and the police reference', () => {
    const fields = validateFgm(knownCase({ reportDate: { day: '', month: '', year: '' }, reportTime: '', policeReference: '' }), ctxFemale()).map((issue) => issue.field);
    expect(fields).toEqual(['reportDate.day', 'reportTime', 'policeReference']);
  });

  test('a report in the future is refused', () => {
    expect(validateFgm(knownCase({ reportTime: '23:00' }), ctxFemale())).toEqual([{ field: 'reportDate.day', message: 'Date and time reported must be in the past' }]);
  });

  test('the safeguarding lead and the FGM type are required', () => {
    const fields = validateFgm(knownCase({ safeguardingLeadInformed: '', fgmType: '' }), ctxFemale()).map((issue) => issue.field);
    expect(fields).toEqual(['fgmType', 'safeguardingLeadInformed']);
  });

  test('a known case requires the MASH referral, the safeguarding lead and police informed', () => {
    expect(fgmOutcomeRequirements(knownCase(), ctxFemale())).toEqual({ mashReferral: true, safeguardingLead: true, police: true, atRiskReferral: false });
    expect(fgmOutcomeRequirements(knownCase(), screeningContext(14, GUG, 'male'))).toEqual({ mashReferral: false, safeguardingLead: false, police: false, atRiskReferral: false });
  });
});

describe('report deadline: the end of the next working day', () => {
  test.each<[string, string, string[], string]>([
    ['Tuesday → Wednesday', '2026-03-10T13:00:00.000Z', [], '2026-03-11'],
    ['Friday → Monday', '2026-03-13T10:00:00.000Z', [], '2026-03-16'],
    ['Saturday → Monday', '2026-03-14T10:00:00.000Z', [], '2026-03-16'],
    ['Thursday before Good Friday and Easter Monday → Tuesday', '2026-04-02T10:00:00.000Z', ['2026-04-03', '2026-04-06'], '2026-04-07'],
    ['Friday 23:30 BST is still Friday in London → Monday', '2026-06-12T22:30:00.000Z', [], '2026-06-15'],
    ['Sunday 00:30 BST (Saturday in UTC) → Monday', '2026-06-13T23:30:00.000Z', [], '2026-06-15'],
  ])('%s', (_name, identifiedAt, bankHolidays, date) => {
    const deadline = fgmReportDeadline(identifiedAt, bankHolidays);
    expect(deadline.date).toBe(date);
  });

  test('the deadline instant is 23:59 London time on that date', () => {
    expect(fgmReportDeadline('2026-06-12T10:00:00.000Z', []).by).toBe('2026-06-15T22:59:00.000Z');
    expect(nextWorkingDay('2026-12-24', ['2026-12-25', '2026-12-28'])).toBe('2026-12-29');
  });
});

describe('fgmPolicePrompt: what the outcome page reads', () => {
  test('no prompt unless a known case', () => {
    expect(fgmPolicePrompt({ ...emptyFgmDraft(), asked: 'no', observedSigns: 'no' }, ctxFemale(), [])).toBeUndefined();
    expect(fgmPolicePrompt(knownCase(), screeningContext(18, GUG, 'female'), [])).toBeUndefined();
  });

  test('a reported case carries who, when and the reference', () => {
    expect(fgmPolicePrompt(knownCase(), ctxFemale(), [])).toEqual({
      required: true,
      deadline: { date: '2026-03-11', by: '2026-03-11T23:59:00.000Z' },
      status: 'reported',
      reportedBy: 'Sam Nurse, RN',
      reportedAt: '2026-03-10T13:30:00.000Z',
      policeReference: 'REF123',
      overdue: false,
    });
  });

  test('not yet reported after the deadline is overdue, and a follow-up', () => {
    const draft = knownCase({ policeReport: 'will-report', policeReference: '' });
    const late = screeningContext(14, GUG, 'female', { now: '2026-03-12T09:00:00.000Z' });
    expect(fgmPolicePrompt(draft, late, [])?.overdue).toBe(true);
    expect(fgmPolicePrompt(draft, ctxFemale(), [])?.overdue).toBe(false);
    expect(fgmFollowUps(draft, ctxFemale()).map((item) => item.kind)).toEqual(['fgm-police-report-due']);
    expect(fgmFollowUps(knownCase(), ctxFemale())).toEqual([]);
  });
});

describe('at risk, not a known case: the FGM-IS step', () => {
  const atRisk: FgmDraft = { ...emptyFgmDraft(), asked: 'no', observedSigns: 'not-examined', atRisk: 'yes', atRiskFactors: ['mother-or-sister'] };

  test('FGM-IS must be checked or added, or the reason recorded', () => {
    expect(validateFgm(atRisk, ctxFemale())).toEqual([{ field: 'fgmIs', message: 'Select whether the FGM-IS indicator was checked or added' }]);
    expect(validateFgm({ ...atRisk, fgmIs: 'not-done' }, ctxFemale())).toEqual([
      { field: 'fgmIsNotDoneReason', message: 'Enter why the FGM-IS indicator was not checked or added' },
    ]);
    expect(validateFgm({ ...atRisk, fgmIs: 'indicator-added' }, ctxFemale())).toEqual([]);
  });

  test('no police report is asked for, a local referral and a follow-up are', () => {
    expect(fgmPolicePrompt(atRisk, ctxFemale(), [])).toBeUndefined();
    expect(fgmOutcomeRequirements(atRisk, ctxFemale()).atRiskReferral).toBe(true);
    expect(fgmFollowUps(atRisk, ctxFemale()).map((item) => item.kind)).toEqual(['fgm-at-risk']);
  });

  test('the question is required, or not asked with a reason', () => {
    expect(validateFgm(emptyFgmDraft(), ctxFemale()).map((issue) => issue.field)).toEqual(['asked', 'observedSigns']);
    expect(validateFgm({ ...emptyFgmDraft(), asked: 'not-asked', observedSigns: 'not-examined', atRisk: 'no' }, ctxFemale())).toEqual([
      { field: 'notAskedReason', message: 'Enter why the question was not asked' },
    ]);
  });
});
