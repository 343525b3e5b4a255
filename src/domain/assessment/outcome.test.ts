/**
 * Tests for section 4.9 Outcome and actions: required answers by level, contradictions, times,
 * the out-of-hours referral and the police prompt.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import { mashHoursSchema } from '../settings/device-settings';
import type { OutcomeDraft } from './outcome';
import {
  concernLevelOptions,
  decidedOutOfHours,
  decisionTime,
  emptyOutcomeDraft,
  notifyLabel,
  outcomeApplies,
  outcomeDraftSchema,
  policeApplies,
  policePromptReasons,
  policeRequired,
  readReferralPlannedAt,
  referralAnswers,
  safeToGoHomeApplies,
  safeToGoHomeRecorded,
  validateOutcome,
  emergencyDutyTeamQuestionApplies,
} from './outcome';
import type { InformationChecksDraft } from './information-checks';
import type { SafeguardingDraft } from './safeguarding-prompts';
import { emptySafeguardingDraft } from './safeguarding-prompts';

/** Tuesday 10 March 2026: arrived 13:00, now 14:00 (GMT), inside default MASH hours. */
const child = contextForAge(8);
const MASH = mashHoursSchema.parse({});

const nothingRecorded: SafeguardingDraft = {
  ...emptySafeguardingDraft(),
  alertingFeatures: ['none'],
  disclosure: 'no',
  carerChildInteraction: ['none'],
  householdRisks: ['none-known'],
};
const safeguarding = (changes: Partial<SafeguardingDraft>): SafeguardingDraft => ({ ...nothingRecorded, ...changes });

const day = { day: '10', month: '3', year: '2026' };

const suspect = (changes: Partial<OutcomeDraft> = {}): OutcomeDraft => ({
  ...emptyOutcomeDraft(),
  concernLevel: 'suspect',
  discussedWithName: 'Amy Patel',
  discussedWithRole: 'Paediatric registrar',
  discussedWithDate: day,
  discussedWithTime: '13:30',
  immediateDanger: 'no',
  referral: 'made',
  referralDate: day,
  referralTime: '13:45',
  referralTakenBy: 'Jo Smith, MASH',
  police: 'no',
  policeNotInformedReason: 'No crime disclosed; agreed with the safeguarding team',
  notify: 'yes',
  ...changes,
});

type Expected = { field: string; message: string }[];

describe('the section', () => {
  test.each<[number | undefined, boolean]>([
    [0, true],
    [17, true],
    [18, false],
    [undefined, false],
  ])('age %s: applies %s', (age, expected) => {
    expect(outcomeApplies(contextForAge(age))).toBe(expected);
  });

  test('the four concern levels in PRODUCT.md 4.9 wording', () => {
    expect(concernLevelOptions.map((option) => option.label)).toEqual(['No concern', 'Consider', 'Suspect', 'Excluded']);
  });

  test.each<[number, string]>([
    [4, 'Inform the health visitor'],
    [5, 'Inform the school nurse'],
  ])('age %s: %s', (age, label) => {
    expect(notifyLabel(contextForAge(age))).toBe(label);
  });

  test('parses anything into a draft without failing', () => {
    expect(outcomeDraftSchema.parse({ concernLevel: 'worried', referral: 1, discussedWithDate: 'today' })).toEqual(emptyOutcomeDraft());
  });
});

describe('validateOutcome: required answers', () => {
  test('an empty section asks for the level and whether to inform the school nurse', () => {
    expect(validateOutcome(emptyOutcomeDraft(), child, nothingRecorded)).toEqual([
      { field: 'concernLevel', message: 'Select the safeguarding concern level' },
      { field: 'notify', message: 'Select whether to inform the school nurse' },
    ]);
  });

  test('nothing is asked of an adult', () => {
    expect(validateOutcome(emptyOutcomeDraft(), contextForAge(18), nothingRecorded)).toEqual([]);
  });

  test('No concern needs nothing more', () => {
    expect(validateOutcome({ ...emptyOutcomeDraft(), concernLevel: 'no-concern', notify: 'no' }, child, nothingRecorded)).toEqual([]);
  });

  test('a complete Suspect outcome has no problems', () => {
    expect(validateOutcome(suspect(), child, safeguarding({ disclosure: 'yes' }))).toEqual([]);
  });

  const consider = (changes: Partial<OutcomeDraft> = {}): OutcomeDraft => ({
    ...emptyOutcomeDraft(),
    concernLevel: 'consider',
    discussedWithName: 'Amy Patel',
    discussedWithRole: 'Safeguarding nurse',
    discussedWithDate: day,
    discussedWithTime: '13:30',
    notify: 'yes',
    ...changes,
  });
  const excluded = (changes: Partial<OutcomeDraft> = {}): OutcomeDraft => ({ ...emptyOutcomeDraft(), concernLevel: 'excluded', notify: 'yes', ...changes });
  const noDate = { day: '', month: '', year: '' };

  test.each<[string, OutcomeDraft, SafeguardingDraft, Expected]>([
    [
      'Excluded needs the explanation and the senior who agreed, by role, with the time',
      excluded(),
      safeguarding({ alertingFeatures: ['fracture'] }),
      [
        { field: 'excludedExplanation', message: 'Enter the suitable explanation that was found' },
        { field: 'excludedAgreedByName', message: 'Enter the name of the senior who agreed the concern is excluded' },
        { field: 'excludedSeniorRole', message: 'Select the role of the senior who agreed the concern is excluded' },
        { field: 'excludedAgreedDate.day', message: 'Enter the date they agreed' },
        { field: 'excludedAgreedTime', message: 'Enter the time they agreed, for example 14:30' },
      ],
    ],
    [
      'Excluded, complete',
      excluded({ excludedExplanation: 'Fracture from a witnessed fall at school', excludedAgreedByName: 'Dr Lee', excludedSeniorRole: 'consultant', excludedAgreedDate: day, excludedAgreedTime: '13:40' }),
      safeguarding({ alertingFeatures: ['fracture'] }),
      [],
    ],
    [
      'Consider needs who it was discussed with and when',
      consider({ discussedWithName: '', discussedWithRole: '', discussedWithDate: noDate, discussedWithTime: '' }),
      safeguarding({ alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'Mother: no money for shoes' } }),
      [
        { field: 'discussedWithName', message: 'Enter the name of the person you discussed the concern with' },
        { field: 'discussedWithRole', message: 'Enter the role of the person you discussed the concern with' },
        { field: 'discussedWithDate.day', message: 'Enter the date of the discussion' },
        { field: 'discussedWithTime', message: 'Enter the time of the discussion, for example 14:30' },
      ],
    ],
    ['Consider does not need a referral or the immediate-danger answer', consider(), nothingRecorded, []],
    [
      'Suspect needs the discussion, immediate danger and the referral',
      suspect({ discussedWithName: '', discussedWithRole: '', discussedWithDate: noDate, discussedWithTime: '', immediateDanger: '', referral: '' }),
      safeguarding({ disclosure: 'yes' }),
      [
        { field: 'discussedWithName', message: 'Enter the name of the person you discussed the concern with' },
        { field: 'discussedWithRole', message: 'Enter the role of the person you discussed the concern with' },
        { field: 'discussedWithDate.day', message: 'Enter the date of the discussion' },
        { field: 'discussedWithTime', message: 'Enter the time of the discussion, for example 14:30' },
        { field: 'immediateDanger', message: 'Select whether the child is in immediate danger' },
        { field: 'referral', message: "Select whether a referral to children's social care was made" },
      ],
    ],
    [
      'a discussion date missing its month',
      suspect({ discussedWithDate: { day: '10', month: '', year: '2026' } }),
      nothingRecorded,
      [{ field: 'discussedWithDate.month', message: 'Date of the discussion must include a month' }],
    ],
    [
      'a discussion time that is not a time',
      suspect({ discussedWithTime: '25:00' }),
      nothingRecorded,
      [{ field: 'discussedWithTime', message: 'Enter the time of the discussion using the 24-hour clock, for example 14:30' }],
    ],
    ['referral made, with no reference (optional)', suspect({ referralReference: '' }), nothingRecorded, []],
    ['referral made, no one named as taking it', suspect({ referralTakenBy: '' }), nothingRecorded, [{ field: 'referralTakenBy', message: 'Enter the name of the person who took the referral' }]],
    ['referral not made needs the reason', suspect({ referral: 'not-made' }), nothingRecorded, [{ field: 'referralNotMadeReason', message: 'Enter why a referral was not made' }]],
    ['referral not made, with the reason', suspect({ referral: 'not-made', referralNotMadeReason: 'Already open to social care; social worker informed by phone' }), nothingRecorded, []],
    ['notify not answered (5 and over)', suspect({ notify: '' }), nothingRecorded, [{ field: 'notify', message: 'Select whether to inform the school nurse' }]],
  ])('%s', (_name, draft, recorded, expected) => {
    expect(validateOutcome(draft, child, recorded)).toEqual(expected);
  });

  test('the health visitor is named for an under-5', () => {
    expect(validateOutcome({ ...emptyOutcomeDraft(), concernLevel: 'no-concern' }, contextForAge(3), nothingRecorded)).toEqual([{ field: 'notify', message: 'Select whether to inform the health visitor' }]);
  });
});

describe('validateOutcome: contradictions', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, Partial<OutcomeDraft>, Expected]>([
    [
      'No concern with a suspect-level feature',
      8,
      { alertingFeatures: ['patterned-bruise'], alertingFeatureExplanations: { 'patterned-bruise': 'None given' } },
      { concernLevel: 'no-concern' },
      [
        {
          field: 'concernLevel',
          message:
            'No concern cannot be chosen because a suspect-level alerting feature is recorded (patterned bruise). Select Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
        },
      ],
    ],
    [
      'No concern with non-mobile bruising',
      0,
      { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] },
      { concernLevel: 'no-concern' },
      [
        {
          field: 'concernLevel',
          message:
            'No concern cannot be chosen because a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile). Select Suspect. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment',
        },
      ],
    ],
    [
      'No concern with a disclosure',
      8,
      { disclosure: 'yes' },
      { concernLevel: 'no-concern' },
      [
        {
          field: 'concernLevel',
          message:
            'No concern cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child. Select Suspect. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment',
        },
      ],
    ],
    [
      'No concern with under-13 sexual activity',
      12,
      { underThirteenSexualActivity: 'yes' },
      { concernLevel: 'no-concern' },
      [{ field: 'concernLevel', message: "No concern cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. Select Suspect: referral to children's social care is mandatory for a child under 13" }],
    ],
    [
      'Excluded with under-13 sexual activity',
      12,
      { underThirteenSexualActivity: 'yes' },
      { concernLevel: 'excluded', excludedExplanation: 'x', excludedAgreedByName: 'y', excludedSeniorRole: 'consultant-paediatrician', excludedAgreedDate: day, excludedAgreedTime: '13:40' },
      [{ field: 'concernLevel', message: "Excluded cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. Select Suspect: referral to children's social care is mandatory for a child under 13" }],
    ],
  ])('%s', (_name, age, recorded, changes, expected) => {
    expect(validateOutcome({ ...emptyOutcomeDraft(), notify: 'yes', ...changes }, contextForAge(age), safeguarding(recorded))).toEqual(expected);
  });

  test('under 13 with sexual activity: a referral that was not made is refused', () => {
    expect(validateOutcome(suspect({ referral: 'not-made', referralNotMadeReason: 'Family declined' }), contextForAge(12), safeguarding({ underThirteenSexualActivity: 'yes' }))).toEqual([
      {
        field: 'referral',
        message: "A referral to children's social care is mandatory here (sexual activity or pregnancy under 13, a known case of FGM, or domestic abuse disclosed by a 16 or 17-year-old): select whether it was made or will be made next working day",
      },
    ]);
  });

  test.each<[string, Partial<OutcomeDraft>, Expected]>([
    [
      'referral made with no time',
      { referralDate: { day: '', month: '', year: '' }, referralTime: '' },
      [
        { field: 'referralDate.day', message: 'Enter the date the referral was made' },
        { field: 'referralTime', message: 'Enter the time the referral was made, for example 14:30' },
      ],
    ],
    ['referral made with a date but no time', { referralTime: '' }, [{ field: 'referralTime', message: 'Enter the time the referral was made, for example 14:30' }]],
    ['referral made before arrival', { referralTime: '12:59' }, [{ field: 'referralTime', message: 'The time the referral was made cannot be before the arrival time' }]],
    ['referral made in the future', { referralTime: '14:01' }, [{ field: 'referralTime', message: 'The time the referral was made must be now or in the past' }]],
    ['referral made at the arrival time', { referralTime: '13:00' }, []],
    ['referral made now', { referralTime: '14:00' }, []],
    ['discussion before arrival', { discussedWithTime: '12:30' }, [{ field: 'discussedWithTime', message: 'The time of the discussion cannot be before the arrival time' }]],
    ['discussion in the future', { discussedWithDate: { day: '11', month: '3', year: '2026' }, discussedWithTime: '09:00' }, [{ field: 'discussedWithTime', message: 'The time of the discussion must be now or in the past' }]],
  ])('%s', (_name, changes, expected) => {
    expect(validateOutcome(suspect(changes), child, safeguarding({ disclosure: 'yes' }))).toEqual(expected);
  });

  test('with no arrival time recorded, only "not in the future" is checked', () => {
    expect(validateOutcome(suspect({ discussedWithTime: '08:00', referralTime: '08:30' }), contextForAge(8, { arrivedAt: undefined }), nothingRecorded)).toEqual([]);
  });
});

describe('out of hours: "To be made next working day"', () => {
  /** Tuesday 10 March 2026: arrived 17:00, discussed 17:30, now 18:00 (MASH closes 16:00). */
  const evening = contextForAge(8, { arrivedAt: '2026-03-10T17:00:00.000Z', now: '2026-03-10T18:00:00.000Z' });
  const nextDay = (changes: Partial<OutcomeDraft> = {}): OutcomeDraft =>
    suspect({
      discussedWithTime: '17:30',
      referral: 'next-working-day',
      referralDate: { day: '', month: '', year: '' },
      referralTime: '',
      referralTakenBy: '',
      referralNextDayBy: 'Chris Brown, paediatric liaison nurse',
      referralNextDayDate: { day: '11', month: '3', year: '2026' },
      referralNextDayTime: '09:00',
      emergencyDutyTeamCalled: 'yes',
      ...changes,
    });

  test('"Was the emergency duty team called?" is asked only out of hours with immediate danger', () => {
    expect(emergencyDutyTeamQuestionApplies({ referral: 'next-working-day', immediateDanger: 'yes' })).toBe(true);
    expect(emergencyDutyTeamQuestionApplies({ referral: 'next-working-day', immediateDanger: 'no' })).toBe(false);
    expect(emergencyDutyTeamQuestionApplies({ referral: 'next-working-day', immediateDanger: '' })).toBe(false);
    expect(emergencyDutyTeamQuestionApplies({ referral: 'made', immediateDanger: 'yes' })).toBe(false);
  });

  test('a complete plan has no problems', () => {
    expect(validateOutcome(nextDay(), evening, safeguarding({ disclosure: 'yes' }))).toEqual([]);
    expect(readReferralPlannedAt(nextDay())).toBe('2026-03-11T09:00:00.000Z');
  });

  test.each<[string, Partial<OutcomeDraft>, Expected]>([
    [
      'the plan needs who, when and, with immediate danger, whether the emergency duty team was called',
      { referralNextDayBy: '', referralNextDayDate: { day: '', month: '', year: '' }, referralNextDayTime: '', emergencyDutyTeamCalled: '', immediateDanger: 'yes', police: 'yes', policeDetails: '18:05, PC Shaw, ref 123' },
      [
        { field: 'referralNextDayBy', message: 'Enter who will make the referral' },
        { field: 'referralNextDayDate.day', message: 'Enter the date the referral will be made' },
        { field: 'referralNextDayTime', message: 'Enter the time the referral will be made, for example 09:00' },
        { field: 'emergencyDutyTeamCalled', message: 'Select whether the emergency duty team was called' },
      ],
    ],
    [
      'planned before the discussion',
      { referralNextDayDate: { day: '10', month: '3', year: '2026' }, referralNextDayTime: '17:00' },
      [{ field: 'referralNextDayTime', message: 'The time the referral will be made must be after the time of the discussion' }],
    ],
    ['emergency duty team not called is an answer', { emergencyDutyTeamCalled: 'no', immediateDanger: 'yes', police: 'yes', policeDetails: '18:05, PC Shaw, ref 123' }, []],
    ['without immediate danger the emergency duty team is not asked (alert fatigue)', { emergencyDutyTeamCalled: '', immediateDanger: 'no' }, []],
  ])('%s', (_name, changes, expected) => {
    expect(validateOutcome(nextDay(changes), evening, safeguarding({ disclosure: 'yes' }))).toEqual(expected);
  });

  test.each<[string, Partial<OutcomeDraft>, ReturnType<typeof contextForAge>, boolean, string[]]>([
    ['decided in hours (discussion 13:30 Tuesday)', { referral: '' }, child, false, ['made', 'not-made']],
    ['decided out of hours (discussion 17:30 Tuesday)', { discussedWithTime: '17:30', referral: '' }, evening, true, ['made', 'next-working-day', 'not-made']],
    [
      'no discussion time yet: now decides (18:00)',
      { discussedWithTime: '', referral: '' },
      evening,
      true,
      ['made', 'next-working-day', 'not-made'],
    ],
    ['a stored next-day answer stays on screen in hours', { referral: 'next-working-day' }, child, false, ['made', 'next-working-day', 'not-made']],
  ])('%s', (_name, changes, ctx, outOfHours, expected) => {
    const draft = suspect(changes);
    expect(decidedOutOfHours(draft, ctx, MASH)).toBe(outOfHours);
    expect(referralAnswers(draft, ctx, MASH, nothingRecorded).map((option) => option.value)).toEqual(expected);
  });

  test('the decision time is the discussion time, else now', () => {
    expect(decisionTime(suspect({ discussedWithTime: '13:30' }), child)).toBe('2026-03-10T13:30:00.000Z');
    expect(decisionTime(suspect({ discussedWithTime: '' }), child)).toBe(child.now);
  });

  test('under 13 with sexual activity, "Not made" is not offered', () => {
    const recorded = safeguarding({ underThirteenSexualActivity: 'yes' });
    expect(referralAnswers(suspect({ discussedWithTime: '17:30', referral: '' }), { ...evening, pathway: contextForAge(12).pathway }, MASH, recorded).map((option) => option.value)).toEqual(['made', 'next-working-day']);
  });

  test('a configured bank holiday makes a weekday decision out of hours', () => {
    const holiday = mashHoursSchema.parse({ bankHolidays: ['2026-03-10'] });
    expect(decidedOutOfHours(suspect(), child, holiday)).toBe(true);
    expect(decidedOutOfHours(suspect(), child, MASH)).toBe(false);
  });
});

describe('police', () => {
  test.each<[string, Partial<OutcomeDraft>, boolean, string[], boolean]>([
    ['no concern, nothing prompted', { concernLevel: 'no-concern', immediateDanger: '' }, false, [], false],
    ['consider: offered, not prompted', { concernLevel: 'consider', immediateDanger: 'no' }, false, [], true],
    ['suspect, immediate danger', { immediateDanger: 'yes' }, false, ['immediate-danger'], true],
    ['no concern with a known FGM case', { concernLevel: 'no-concern', immediateDanger: '' }, true, ['fgm-known-case'], true],
    ['suspect, immediate danger and FGM', { immediateDanger: 'yes' }, true, ['immediate-danger', 'fgm-known-case'], true],
  ])('%s', (_name, changes, fgmKnownCase, reasons, applies) => {
    const draft = suspect(changes);
    expect(policePromptReasons(draft, { fgmKnownCase })).toEqual(reasons);
    expect(policeApplies(draft, { fgmKnownCase })).toBe(applies);
  });

  test.each<[string, Partial<OutcomeDraft>, boolean, Expected]>([
    ['Consider, not prompted: may be left unanswered', { concernLevel: 'consider', immediateDanger: 'no', police: '', policeNotInformedReason: '' }, false, []],
    ['Consider, not prompted, not informed: no reason needed', { concernLevel: 'consider', immediateDanger: 'no', police: 'no', policeNotInformedReason: '' }, false, []],
    ['Suspect: must be answered', { immediateDanger: 'no', police: '', policeNotInformedReason: '' }, false, [{ field: 'police', message: 'Select whether the police were informed' }]],
    ['Suspect, not informed: needs the reason', { immediateDanger: 'no', police: 'no', policeNotInformedReason: '' }, false, [{ field: 'policeNotInformedReason', message: 'Enter why the police were not informed' }]],
    ['Suspect, not informed, with the reason', { immediateDanger: 'no', police: 'no' }, false, []],
    ['immediate danger: must be answered', { immediateDanger: 'yes', police: '' }, false, [{ field: 'police', message: 'Select whether the police were informed' }]],
    ['immediate danger, not informed: needs the reason', { immediateDanger: 'yes', police: 'no', policeNotInformedReason: '' }, false, [{ field: 'policeNotInformedReason', message: 'Enter why the police were not informed' }]],
    ['informed: needs the details', { police: 'yes' }, false, [{ field: 'policeDetails', message: 'Enter when the police were informed, who you spoke to and the reference' }]],
    ['informed, with details', { police: 'yes', policeDetails: '14:10, PC Khan, ref 123/10/03' }, false, []],
    ['known FGM case: must be answered', { police: '' }, true, [{ field: 'police', message: 'Select whether the police were informed' }]],
  ])('%s', (_name, changes, fgmKnownCase, expected) => {
    const recorded = changes.concernLevel === 'consider' ? nothingRecorded : safeguarding({ disclosure: 'yes' });
    expect(validateOutcome(suspect(changes), child, recorded, { fgmKnownCase })).toEqual(expected);
  });

  test.each<[OutcomeDraft['concernLevel'], boolean]>([
    ['no-concern', false],
    ['consider', false],
    ['suspect', true],
    ['excluded', false],
  ])('police required for %s → %s', (concernLevel, required) => {
    expect(policeRequired({ ...emptyOutcomeDraft(), concernLevel })).toBe(required);
  });
});

describe('No concern refused by the information checks (false reassurance)', () => {
  const noConcern = { ...emptyOutcomeDraft(), concernLevel: 'no-concern' as const, notify: 'no' as const };
  test.each<[string, { cpis: InformationChecksDraft['cpis']; socialCare: InformationChecksDraft['socialCare']; openCase: InformationChecksDraft['openCase'] }, boolean]>([
    ['CP-IS no plan, not known to social care', { cpis: 'checked-no-plan', socialCare: 'no', openCase: '' }, false],
    ['CP-IS child protection plan', { cpis: 'checked-cp-plan', socialCare: 'no', openCase: '' }, true],
    ['CP-IS looked after', { cpis: 'checked-looked-after', socialCare: 'no', openCase: '' }, true],
    ['CP-IS unborn child protection plan', { cpis: 'checked-unborn-cp-plan', socialCare: 'no', openCase: '' }, true],
    ['an open social-care case', { cpis: 'checked-no-plan', socialCare: 'yes', openCase: 'yes' }, true],
    ['known to social care, no open case', { cpis: 'checked-no-plan', socialCare: 'yes', openCase: 'no' }, false],
  ])('%s: refused %s', (_name, informationChecks, refused) => {
    const issues = validateOutcome(noConcern, child, nothingRecorded, { informationChecks });
    expect(issues.some((issue) => issue.field === 'concernLevel')).toBe(refused);
  });
});

describe('unsafe exclusion: who may agree and when (PRODUCT.md 4.9)', () => {
  const excludedBy = (excludedSeniorRole: OutcomeDraft['excludedSeniorRole']): OutcomeDraft => ({
    ...emptyOutcomeDraft(),
    concernLevel: 'excluded',
    excludedExplanation: 'Seen by the consultant paediatrician: birthmark, not a bruise',
    excludedAgreedByName: 'Dr Osei',
    excludedSeniorRole,
    excludedAgreedDate: day,
    excludedAgreedTime: '13:50',
    notify: 'yes',
  });
  const bruise = safeguarding({ independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] });
  const infant = contextForAge(0);
  const roleRefused = { field: 'excludedSeniorRole', message: 'Only a consultant paediatrician or the safeguarding team can agree an exclusion after a disclosure or a bruise in a child who is not independently mobile' };
  test.each<[string, SafeguardingDraft, ReturnType<typeof contextForAge>, OutcomeDraft['excludedSeniorRole'], 'triage' | 'addendum', string[]]>([
    ['disclosure at triage, consultant paediatrician: refused at triage', safeguarding({ disclosure: 'yes' }), child, 'consultant-paediatrician', 'triage', ['concernLevel']],
    ['disclosure by addendum, consultant paediatrician: accepted', safeguarding({ disclosure: 'yes' }), child, 'consultant-paediatrician', 'addendum', []],
    ['disclosure by addendum, safeguarding team: accepted', safeguarding({ disclosure: 'yes' }), child, 'safeguarding-team', 'addendum', []],
    ['disclosure by addendum, paediatric registrar: refused', safeguarding({ disclosure: 'yes' }), child, 'paediatric-registrar', 'addendum', ['excludedSeniorRole']],
    ['disclosure by addendum, ED consultant: refused', safeguarding({ disclosure: 'yes' }), child, 'consultant', 'addendum', ['excludedSeniorRole']],
    ['non-mobile bruise at triage: refused at triage', bruise, infant, 'safeguarding-team', 'triage', ['concernLevel']],
    ['non-mobile bruise by addendum, safeguarding team: accepted', bruise, infant, 'safeguarding-team', 'addendum', []],
    ['non-mobile bruise by addendum, paediatric registrar: refused', bruise, infant, 'paediatric-registrar', 'addendum', ['excludedSeniorRole']],
    ['fracture at triage, paediatric registrar: accepted', safeguarding({ alertingFeatures: ['fracture'] }), child, 'paediatric-registrar', 'triage', []],
    ['fracture at triage, ED consultant: accepted', safeguarding({ alertingFeatures: ['fracture'] }), child, 'consultant', 'triage', []],
    ['household risk at triage, safeguarding team: accepted', safeguarding({ householdRisks: ['domestic-abuse'] }), child, 'safeguarding-team', 'triage', []],
    ['under-13 sexual activity by addendum, consultant paediatrician: refused', safeguarding({ underThirteenSexualActivity: 'yes' }), contextForAge(12), 'consultant-paediatrician', 'addendum', ['concernLevel']],
  ])('%s', (_name, recorded, ctx, role, stage, fields) => {
    const issues = validateOutcome(excludedBy(role), ctx, recorded, { stage });
    expect(issues.map((issue) => issue.field)).toEqual(fields);
    if (fields.includes('excludedSeniorRole')) expect(issues).toContainEqual(roleRefused);
  });

  test('the time the senior agreed cannot be in the future', () => {
    expect(validateOutcome({ ...excludedBy('consultant'), excludedAgreedTime: '14:30' }, child, safeguarding({ alertingFeatures: ['fracture'] }))).toEqual([
      { field: 'excludedAgreedTime', message: 'The time they agreed must be now or in the past' },
    ]);
  });
});

describe('safe to go home (PRODUCT.md 4.9 safeToGoHome)', () => {
  test.each<[string, OutcomeDraft['concernLevel'], SafeguardingDraft['disclosure'], number, boolean]>([
    ['No concern', 'no-concern', 'no', 8, false],
    ['Consider', 'consider', 'no', 8, true],
    ['Suspect', 'suspect', 'no', 8, true],
    ['Excluded', 'excluded', 'no', 8, false],
    ['Excluded after a disclosure', 'excluded', 'yes', 8, true],
    ['not chosen yet, with a disclosure', '', 'yes', 8, true],
    ['an adult', 'suspect', 'yes', 18, false],
  ])('%s → asked %s', (_name, concernLevel, disclosure, age, asked) => {
    expect(safeToGoHomeApplies({ concernLevel }, { disclosure }, contextForAge(age))).toBe(asked);
  });

  test.each<[OutcomeDraft['safeToGoHome'], string, boolean]>([
    ['yes', 'Dr Osei, paediatric registrar', true],
    ['yes', '  ', false],
    ['no', 'Dr Osei', false],
    ['', '', false],
  ])('answer %s, agreed by "%s" → recorded as safe %s', (safeToGoHome, safeToGoHomeAgreedBy, recorded) => {
    expect(safeToGoHomeRecorded({ safeToGoHome, safeToGoHomeAgreedBy })).toBe(recorded);
  });

  test('never stops signing: a Suspect outcome with the question unanswered has no problems', () => {
    expect(validateOutcome(suspect({ safeToGoHome: '' }), child, safeguarding({ alertingFeatures: ['fracture'] }))).toEqual([]);
  });
});
