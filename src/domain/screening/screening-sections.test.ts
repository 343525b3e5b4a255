/**
 * The Fraser, FGM and self-harm screens as task-list sections: which patients see each
 * section (truth tables by age, reason and sex), what stops signing, the safe-discharge
 * checklist, and the Check answers rows.
 */
import { describe, expect, test } from 'vitest';
import type { Sex } from '../assessment/context';
import { emptyAnswers } from '../assessment/record';
import type { Answers } from '../assessment/record';
import { issuesBeforeSigning, relevantSections, sectionById } from '../rules/sections';
import { screeningContext } from '../../test-support/screening-contexts';
import type { ScreeningReason } from './screening-context';
import { GENITAL_URINARY_GYNAE_REASON } from './screening-context';
import { emptySelfHarmDraft, selfHarmSafeDischargeChecklist } from './self-harm';
import { summariseFgm, summariseFraser, summariseSelfHarm } from './screening-sections';

const GUG = GENITAL_URINARY_GYNAE_REASON;
const shown = (age: number | undefined, reason?: ScreeningReason, sex?: Sex): string[] =>
  relevantSections(screeningContext(age, reason, sex)).map((section) => section.id).filter((id) => ['fraser', 'fgm', 'selfHarm'].includes(id));

describe('Fraser guidelines section: under 16 with the sexual health, contraception or pregnancy reason', () => {
  test.each<[number, ScreeningReason | undefined, boolean]>([
    [12, 'sexual-health', true],
    [13, 'sexual-health', true],
    [15, 'sexual-health', true],
    [16, 'sexual-health', false],
    [12, 'illness', false],
    [13, 'injury', false],
    [15, GUG, false],
    [16, 'illness', false],
    [15, undefined, false],
  ])('age %i, reason %s: shown %s', (age, reason, expected) => {
    expect(shown(age, reason, 'female').includes('fraser')).toBe(expected);
  });

  test('age not known: not shown', () => {
    expect(shown(undefined, 'sexual-health')).not.toContain('fraser');
  });

  test('at 12 the section asks nothing and does not stop signing; a Fraser record for a 12-year-old is refused', () => {
    const ctx = screeningContext(12, 'sexual-health', 'female');
    const answers = emptyAnswers();
    expect(sectionById('fraser').validate(answers, ctx)).toEqual([]);
    answers.fraser.criteria.understandsAdvice = { answer: 'met', reason: 'Explained it back' };
    const issues = sectionById('fraser').validate(answers, ctx);
    expect(issues).toEqual([
      {
        field: 'criteria.understandsAdvice.answer',
        message: 'A Fraser record cannot be made for a 12-year-old: a child under 13 cannot consent to sexual activity. Remove the Fraser answers and make a child protection referral',
      },
    ]);
    expect(issuesBeforeSigning(answers, ctx).map((entry) => entry.section.id)).toContain('fraser');
  });

  test('at 12 the Check answers row says Fraser does not apply and referral is mandatory', () => {
    const rows = summariseFraser(emptyAnswers(), screeningContext(12, 'sexual-health', 'female'));
    expect(rows).toEqual([{ key: 'Fraser guidelines', value: ['Under 13: the Fraser guidelines do not apply. Sexual activity involving a child under 13 needs a child protection referral'], field: 'criteria.understandsAdvice.answer' }]);
  });

  test('at 15 an empty record stops signing; the GP override reason is asked only with a safeguarding concern on the outcome page', () => {
    const ctx = screeningContext(15, 'sexual-health', 'female');
    const answers = emptyAnswers();
    expect(sectionById('fraser').validate(answers, ctx).length).toBeGreaterThan(0);
    const complete = competentRecordDeclinesGp();
    expect(sectionById('fraser').validate(complete, ctx)).toEqual([]);
    complete.outcome.concernLevel = 'consider';
    expect(sectionById('fraser').validate(complete, ctx)).toEqual([{ field: 'gpSharingOverrideReason', message: 'Enter the safeguarding concern that means the GP must be told' }]);
    complete.fraser.gpSharingOverrideReason = 'Partner is 24';
    expect(sectionById('fraser').validate(complete, ctx)).toEqual([]);
    expect(summariseFraser(complete, ctx).find((row) => row.field === 'gpSharingOverrideReason')?.value).toEqual(['Partner is 24']);
  });
});

function competentRecordDeclinesGp(): Answers {
  const answers = emptyAnswers();
  for (const id of ['understandsAdvice', 'cannotBePersuaded', 'likelyToHaveSex', 'healthWillSuffer', 'bestInterests'] as const) {
    answers.fraser.criteria[id] = { answer: 'met', reason: 'Discussed' };
  }
  Object.assign(answers.fraser, { parentInvolvement: 'encouraged-declined', partnerAge: '16', powerImbalance: 'no', gpSharing: 'declines', parentSharing: 'declines' });
  return answers;
}

describe('FGM section: female or sex not known, under 18, on the genital, urinary or gynaecological reason', () => {
  test.each<[number | undefined, Sex | undefined, ScreeningReason | undefined, boolean]>([
    [14, 'female', GUG, true],
    [14, 'not-known', GUG, true],
    [14, undefined, GUG, true],
    [14, 'male', GUG, false],
    [14, 'other', GUG, false],
    [0, 'female', GUG, true],
    [17, 'female', GUG, true],
    [18, 'female', GUG, false],
    [undefined, 'female', GUG, false],
    [14, 'female', 'sexual-health', false],
    [14, 'female', 'injury', false],
    [14, 'female', undefined, false],
  ])('age %s, sex %s, reason %s: shown %s', (age, sex, reason, expected) => {
    expect(shown(age, reason, sex).includes('fgm')).toBe(expected);
  });

  test('a known case with no reporter stops signing with the named-reporter message', () => {
    const ctx = screeningContext(14, GUG, 'female');
    const answers = emptyAnswers();
    Object.assign(answers.fgm, { asked: 'yes', observedSigns: 'not-examined', fgmType: 'not-known', safeguardingLeadInformed: 'Alex Lead' });
    const messages = sectionById('fgm').validate(answers, ctx).map((issue) => `${issue.field}: ${issue.message}`);
    expect(messages).toEqual([
      'policeReport: Select whether the known FGM has been reported to the police',
      'reportedBy: Enter who reported the known FGM to the police: a known case must have a named reporter',
    ]);
    expect(issuesBeforeSigning(answers, ctx).map((entry) => entry.section.id)).toContain('fgm');
  });

  test('Check answers: a known case shows the report block; a girl at risk shows the FGM-IS step', () => {
    const ctx = screeningContext(14, GUG, 'female');
    const known = emptyAnswers();
    Object.assign(known.fgm, {
      asked: 'yes',
      observedSigns: 'not-examined',
      fgmType: 'not-known',
      policeReport: 'reported',
      reportDate: { day: '10', month: '3', year: '2026' },
      reportTime: '13:30',
      reportedBy: 'Sam Nurse, RN',
      policeReference: 'REF123',
      safeguardingLeadInformed: 'Alex Lead',
    });
    expect(summariseFgm(known, ctx).find((row) => row.field === 'policeReport')?.value).toEqual([
      'Reported to the police (101)',
      'By: Sam Nurse, RN',
      'At: 10 March 2026 at 13:30',
      'Reference: REF123',
    ]);
    const atRisk = emptyAnswers();
    Object.assign(atRisk.fgm, { asked: 'no', observedSigns: 'not-examined', atRisk: 'yes', atRiskFactors: ['planned-travel'], fgmIs: 'indicator-added' });
    expect(summariseFgm(atRisk, ctx).map((row) => row.field)).toEqual(['asked', 'observedSigns', 'atRisk', 'fgmIs']);
    expect(summariseFgm(atRisk, ctx).find((row) => row.field === 'fgmIs')?.value).toEqual(['Indicator added']);
  });
});

describe('Self-harm or mental health section: under 18, self-harm or overdose, or a mental health crisis', () => {
  test.each<[number | undefined, ScreeningReason | undefined, boolean]>([
    [14, 'self-harm', true],
    [14, 'mental-health', true],
    [17, 'self-harm', true],
    [17, 'mental-health', true],
    [18, 'self-harm', false],
    [18, 'mental-health', false],
    [10, 'self-harm', true],
    [14, 'intoxication', false],
    [14, 'injury', false],
    [undefined, 'self-harm', false],
  ])('age %s, reason %s: shown %s', (age, reason, expected) => {
    expect(shown(age, reason, 'male').includes('selfHarm')).toBe(expected);
  });

  test('the safe-discharge checklist shows a discharge home with no adult as still needed', () => {
    const draft = { ...emptySelfHarmDraft(), safetyPlan: 'Agreed', safetyPlanHolder: 'Mother', accessToMeans: 'Medicines locked away' };
    const needed = (d: typeof draft) => selfHarmSafeDischargeChecklist(d).filter((item) => !item.done).map((item) => item.id);
    expect(needed(draft)).toEqual(['responsible-adult', 'camhs', 'parents-informed', 'follow-up']);
    expect(needed({ ...draft, noResponsibleAdultReason: 'Lives in supported lodgings' })).toContain('responsible-adult');
    expect(needed({ ...draft, noResponsibleAdultReason: 'Lives in supported lodgings', noResponsibleAdultAgreedBy: 'Dr Lee, ED consultant' })).not.toContain('responsible-adult');
    expect(needed({ ...draft, responsibleAdultName: 'Jo Parent' })).not.toContain('responsible-adult');
  });

  test('no Check answers row names a score, a band or a risk level', () => {
    const answers = emptyAnswers();
    Object.assign(answers.selfHarm, { withYoungPerson: 'nobody', parentsInformed: 'no', parentsNotInformedReason: 'not-reached', overdose: 'yes', overdoseTimeNotKnown: true });
    const text = JSON.stringify(summariseSelfHarm(answers, screeningContext(14, 'self-harm')));
    expect(text).not.toMatch(/score|low risk|medium risk|high risk|risk level|band/i);
    expect(summariseSelfHarm(answers, screeningContext(14, 'self-harm')).find((row) => row.field === 'parentsInformed')?.value).toEqual(['No', 'Could not be reached yet']);
  });
});
