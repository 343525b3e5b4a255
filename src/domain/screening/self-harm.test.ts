/**
 * Self-harm or mental health (under 18): who it applies to, the page's required answers, the
 * safe-discharge refusal the Discharge section calls, and the absence of any risk score.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import type { ScreeningReason } from './screening-context';
import * as selfHarm from './self-harm';
import type { SelfHarmDraft } from './self-harm';
import { emptySelfHarmDraft, selfHarmApplies, selfHarmDischargeHomeIssues, selfHarmDraftSchema, selfHarmFollowUps, validateSelfHarm } from './self-harm';

const CTX = screeningContext(15, 'self-harm');

const complete = (changes: Partial<SelfHarmDraft> = {}): SelfHarmDraft => ({
  ...emptySelfHarmDraft(),
  withYoungPerson: 'someone',
  withName: 'Jo Parent',
  withRelationship: 'Mother',
  withPR: 'yes',
  parentsInformed: 'yes',
  overdose: 'no',
  accessToMeans: 'Medicines locked away at home',
  camhs: 'referred',
  safetyPlan: 'Agreed with CAMHS',
  safetyPlanHolder: 'Mother and young person',
  ...changes,
});

describe('selfHarmApplies: under 18, self-harm or mental health crisis', () => {
  test.each<[number | undefined, ScreeningReason | undefined, boolean]>([
    [15, 'self-harm', true],
    [15, 'mental-health', true],
    [9, 'self-harm', true],
    [17, 'mental-health', true],
    [18, 'self-harm', false],
    [15, 'intoxication', false],
    [15, undefined, false],
    [undefined, 'self-harm', false],
  ])('age %s, %s → %s', (age, reason, expected) => {
    expect(selfHarmApplies(screeningContext(age, reason))).toBe(expected);
  });
});

describe('the page', () => {
  test('a complete page validates', () => {
    expect(validateSelfHarm(complete(), CTX)).toEqual([]);
  });

  test('who is with the young person, parents informed, means, CAMHS and the safety plan are required', () => {
    expect(validateSelfHarm(emptySelfHarmDraft(), CTX).map((issue) => issue.field)).toEqual([
      'withYoungPerson',
      'parentsInformed',
      'overdose',
      'accessToMeans',
      'camhs',
      'safetyPlan',
    ]);
  });

  test('parents not informed: why, and a follow-up', () => {
    const draft = complete({ parentsInformed: 'no' });
    expect(validateSelfHarm(draft, CTX)).toEqual([{ field: 'parentsNotInformedReason', message: 'Select why the parents or carers have not been informed' }]);
    const withReason = { ...draft, parentsNotInformedReason: 'competent-young-person-wish' as const };
    expect(validateSelfHarm(withReason, CTX)).toEqual([]);
    expect(selfHarmFollowUps(withReason, CTX)).toEqual([
      { kind: 'self-harm-parents-not-informed', screen: 'self-harm', text: expect.any(String) as string, detail: "A competent young person's wish" },
    ]);
  });

  test('an overdose needs what was taken, when (or not known) and whether staggered', () => {
    const overdose = complete({ overdose: 'yes' });
    expect(validateSelfHarm(overdose, CTX).map((issue) => issue.field)).toEqual(['overdoseSubstances', 'overdoseDate.day', 'overdoseTime', 'staggered']);
    expect(validateSelfHarm({ ...overdose, overdoseSubstances: 'Paracetamol 16 tablets', overdoseTimeNotKnown: true, staggered: 'not-known' }, CTX)).toEqual([]);
    expect(
      validateSelfHarm({ ...overdose, overdoseSubstances: 'Paracetamol', overdoseDate: { day: '10', month: '3', year: '2026' }, overdoseTime: '15:00', staggered: 'no' }, CTX),
    ).toEqual([{ field: 'overdoseDate.day', message: 'Date and time taken must be in the past' }]);
  });
});

describe('safe discharge: "Home" refused without a responsible adult or a documented reason and who agreed', () => {
  test.each<[string, string, Partial<SelfHarmDraft>, boolean]>([
    ['home, nobody named, no reason', 'home', {}, true],
    ['home with carer, nobody named, no reason', 'home-with-carer', {}, true],
    ['home, responsible adult named', 'home', { responsibleAdultName: 'Jo Parent' }, false],
    ['home, reason but nobody who agreed', 'home', { noResponsibleAdultReason: 'Lives in supported housing' }, true],
    ['home, who agreed but no reason', 'home', { noResponsibleAdultAgreedBy: 'Dr Lee, CAMHS' }, true],
    ['home, reason and who agreed', 'home', { noResponsibleAdultReason: 'Lives in supported housing', noResponsibleAdultAgreedBy: 'Dr Lee, CAMHS' }, false],
    ['admitted: not checked', 'admitted', {}, false],
    ['no destination yet: not checked', '', {}, false],
  ])('%s', (_name, destination, changes, refused) => {
    const issues = selfHarmDischargeHomeIssues(complete(changes), CTX, destination);
    expect(issues.length > 0).toBe(refused);
    if (refused) expect(issues[0]?.field).toBe('destination');
  });

  test('it never applies outside the self-harm page (adults, other reasons)', () => {
    expect(selfHarmDischargeHomeIssues(emptySelfHarmDraft(), screeningContext(18, 'self-harm'), 'home')).toEqual([]);
    expect(selfHarmDischargeHomeIssues(emptySelfHarmDraft(), screeningContext(15, 'injury'), 'home')).toEqual([]);
  });

  test('it is not part of the page validation, so it never blocks signing', () => {
    expect(validateSelfHarm(complete(), CTX)).toEqual([]);
    expect(selfHarmDischargeHomeIssues(complete(), CTX, 'home')).toHaveLength(1);
  });
});

describe('no risk score, no low / medium / high band (NICE NG225)', () => {
  test('no answer list offers a risk band', () => {
    const isOptionList = (value: unknown): value is readonly { value: string; label: string }[] =>
      Array.isArray(value) && value.length > 0 && value.every((item: unknown) => typeof item === 'object' && item !== null && 'value' in item && 'label' in item);
    const lists = (Object.values(selfHarm) as unknown[]).filter(isOptionList);
    expect(lists.length).toBeGreaterThan(5);
    for (const option of lists.flat()) expect(`${option.value} ${option.label}`).not.toMatch(/\b(low|medium|moderate|high)\b|risk|score/i);
  });

  test('no stored field is a score or a risk level', () => {
    for (const key of Object.keys(selfHarmDraftSchema.shape)) expect(key).not.toMatch(/risk|score|band|level/i);
  });
});
