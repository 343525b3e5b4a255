/**
 * CSE screen: who is asked, the eight significant indicators, the mandatory triggers and the
 * not-asked reasons they allow, suggestions from the record, and the outcome rules.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import type { CseDraft, CseNotAskedReason, CseTriggerId } from './cse';
import {
  cseApplies,
  cseConcernFacts,
  cseFollowUps,
  cseIsMandatory,
  cseMandatoryTriggers,
  cseNotAskedReasonsOffered,
  cseOtherIndicators,
  cseOutcome,
  cseSignificantIndicators,
  cseSuggestions,
  cseTriggersMet,
  DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD,
  emptyCseDraft,
  validateCse,
} from './cse';
import type { ScreeningReason, ScreeningRecordFacts } from './screening-context';
import { GENITAL_URINARY_GYNAE_REASON, noScreeningFacts } from './screening-context';

const facts = (overrides: Partial<ScreeningRecordFacts> = {}): ScreeningRecordFacts => ({ ...noScreeningFacts(), ...overrides });

/** A draft with every significant indicator answered No, then the given changes. */
function answered(changes: Partial<Record<keyof CseDraft['significant'], CseDraft['significant'][keyof CseDraft['significant']]>> = {}): CseDraft {
  const draft = emptyCseDraft();
  for (const indicator of cseSignificantIndicators) draft.significant[indicator.id] = 'no';
  Object.assign(draft.significant, changes);
  return draft;
}

function withOther(count: number, base: CseDraft = answered()): CseDraft {
  const draft = structuredClone(base);
  cseOtherIndicators.slice(0, count).forEach((indicator) => (draft.other[indicator.id] = 'yes'));
  return draft;
}

describe('cseApplies: ages 11–17', () => {
  test.each<[number | undefined, boolean]>([
    [10, false],
    [11, true],
    [12, true],
    [13, true],
    [17, true],
    [18, false],
    [undefined, false],
  ])('age %s → %s', (age, expected) => {
    expect(cseApplies(screeningContext(age))).toBe(expected);
    // Outside 11–17 nothing is asked of the nurse.
    if (!expected) expect(validateCse(emptyCseDraft(), screeningContext(age), facts())).toEqual([]);
  });
});

describe('the eight significant indicators of research §3.2', () => {
  test('exactly eight, in the research order, each with a source and evidence label', () => {
    expect(cseSignificantIndicators.map((indicator) => indicator.id)).toEqual([
      'going-missing',
      'controlling-older-relationship',
      'cars-unknown-adults',
      'unexplained-gifts',
      'online-grooming',
      'hotels-taxis-takeaways',
      'assault-disclosure',
      'sexual-activity-12-or-under',
    ]);
    for (const indicator of [...cseSignificantIndicators, ...cseOtherIndicators]) {
      expect(['V', 'S', 'U']).toContain(indicator.source.evidence);
      expect(indicator.source.citation).not.toBe('');
    }
  });

  test('the other indicators include the criminal exploitation items', () => {
    expect(cseOtherIndicators.filter((indicator) => indicator.criminalExploitation).map((indicator) => indicator.id)).toEqual(['carrying-weapons', 'unexplained-travel']);
  });

  test('every significant indicator must be answered Yes, No, Not known or Declined', () => {
    const issues = validateCse(emptyCseDraft(), screeningContext(14), facts());
    expect(issues.map((issue) => issue.field)).toEqual(cseSignificantIndicators.map((indicator) => `significant.${indicator.id}`));
    expect(validateCse(answered({ 'going-missing': 'declined', 'online-grooming': 'not-known' }), screeningContext(14), facts())).toEqual([]);
  });

  test('a Yes needs what was said or seen', () => {
    expect(validateCse(answered({ 'going-missing': 'yes' }), screeningContext(14), facts())).toEqual([
      { field: 'details', message: 'Enter what the young person said, or what was seen' },
    ]);
  });
});

const TRIGGER_CASES: [CseTriggerId, ScreeningReason | undefined, Partial<ScreeningRecordFacts>][] = [
  ['reason-sexual-health', 'sexual-health', {}],
  ['reason-intoxication', 'intoxication', {}],
  ['reason-assault', 'assault', {}],
  ['reason-self-harm', 'self-harm', {}],
  ['reason-genital-urinary-gynae', GENITAL_URINARY_GYNAE_REASON, {}],
  ['unclear-story', 'injury', { accountConsistent: 'no' }],
  ['unclear-story', 'injury', { accountConsistent: 'not-sure' }],
  ['looked-after', 'illness', { cpis: 'checked-looked-after' }],
];

describe('mandatory triggers', () => {
  test('every trigger is data with a source', () => {
    expect(cseMandatoryTriggers.map((trigger) => trigger.id)).toEqual([
      'reason-sexual-health',
      'reason-intoxication',
      'reason-assault',
      'reason-self-harm',
      'reason-genital-urinary-gynae',
      'unclear-story',
      'looked-after',
    ]);
    for (const trigger of cseMandatoryTriggers) expect(trigger.source.evidence).toBe('U');
  });

  test.each(TRIGGER_CASES)('%s (%s, %o): mandatory; only "too unwell or intoxicated" may be recorded as not asked', (id, reason, recordFacts) => {
    const ctx = screeningContext(15, reason);
    const f = facts(recordFacts);
    expect(cseTriggersMet(ctx, f).map((trigger) => trigger.id)).toEqual([id]);
    expect(cseIsMandatory(ctx, f)).toBe(true);
    expect(cseNotAskedReasonsOffered(ctx, f).map((option) => option.value)).toEqual(['too-unwell-or-intoxicated']);

    const notAsked = (why: CseNotAskedReason): CseDraft => ({ ...emptyCseDraft(), notAsked: true, notAskedReason: why });
    // Never blocks signing: a young person too unwell or intoxicated to answer.
    expect(validateCse(notAsked('too-unwell-or-intoxicated'), ctx, f)).toEqual([]);
    for (const refused of ['not-seen-alone', 'declined'] as const) {
      const issues = validateCse(notAsked(refused), ctx, f);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.field).toBe('notAskedReason');
      expect(issues[0]?.message).toContain('The screen must be asked because');
    }
  });

  test.each([10, 18])('age %s: no trigger applies outside 11–17', (age) => {
    for (const [, reason, recordFacts] of TRIGGER_CASES) expect(cseIsMandatory(screeningContext(age, reason), facts(recordFacts))).toBe(false);
  });

  test.each<[ScreeningReason | undefined, Partial<ScreeningRecordFacts>]>([
    ['injury', { accountConsistent: 'yes' }],
    ['illness', { cpis: 'checked-cp-plan' }],
    ['mental-health', {}],
    ['other', {}],
    [undefined, {}],
  ])('not mandatory (%s, %o): every not-asked reason is offered and accepted', (reason, recordFacts) => {
    const ctx = screeningContext(13, reason);
    expect(cseIsMandatory(ctx, facts(recordFacts))).toBe(false);
    expect(cseNotAskedReasonsOffered(ctx, facts(recordFacts))).toHaveLength(3);
    for (const why of ['too-unwell-or-intoxicated', 'not-seen-alone', 'declined'] as const) {
      expect(validateCse({ ...emptyCseDraft(), notAsked: true, notAskedReason: why }, ctx, facts(recordFacts))).toEqual([]);
    }
  });

  test('"Not asked" without a reason is refused', () => {
    expect(validateCse({ ...emptyCseDraft(), notAsked: true }, screeningContext(13), facts())).toEqual([{ field: 'notAskedReason', message: 'Select why the screen was not asked' }]);
  });
});

describe('not asked creates a follow-up for the liaison list', () => {
  test('the follow-up carries the reason', () => {
    expect(cseFollowUps({ ...emptyCseDraft(), notAsked: true, notAskedReason: 'not-seen-alone' }, screeningContext(14))).toEqual([
      { kind: 'cse-not-asked', screen: 'cse', text: expect.any(String) as string, detail: 'Not asked – not seen alone' },
    ]);
    expect(cseFollowUps(answered(), screeningContext(14))).toEqual([]);
    expect(cseFollowUps({ ...emptyCseDraft(), notAsked: true, notAskedReason: 'declined' }, screeningContext(18))).toEqual([]);
  });
});

describe('cseOutcome: actions, never a score', () => {
  test.each<[string, CseDraft, number, string, string[]]>([
    ['nothing found', answered(), DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD, 'screened', []],
    ['one significant indicator', answered({ 'cars-unknown-adults': 'yes' }), 3, 'screened', ['discuss-with-safeguarding-lead-today', 'refer-under-local-procedure']],
    [
      'sexual activity at 12 or under',
      answered({ 'sexual-activity-12-or-under': 'yes' }),
      3,
      'screened',
      ['under-13-referral-mandatory', 'discuss-with-safeguarding-lead-today', 'refer-under-local-procedure'],
    ],
    ['other indicators one below the threshold', withOther(2), 3, 'screened', []],
    ['other indicators at the threshold', withOther(3), 3, 'screened', ['discuss-with-safeguarding-lead']],
    ['a trust threshold of 2', withOther(2), 2, 'screened', ['discuss-with-safeguarding-lead']],
    ['a power imbalance', { ...answered(), powerImbalance: 'yes' }, 3, 'screened', ['discuss-with-safeguarding-lead']],
    ['not known and declined are not Yes', answered({ 'going-missing': 'not-known', 'online-grooming': 'declined' }), 3, 'screened', []],
  ])('%s', (_name, draft, threshold, state, actions) => {
    const outcome = cseOutcome(draft, screeningContext(14), threshold);
    expect(outcome.state).toBe(state);
    expect(outcome.state === 'screened' ? outcome.actions : undefined).toEqual(actions);
    expect('score' in outcome).toBe(false);
  });

  test('the default threshold is 3 (research: "several")', () => {
    expect(DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD).toBe(3);
    const outcome = cseOutcome(withOther(3), screeningContext(14));
    expect(outcome.state === 'screened' && outcome.otherCount).toBe(3);
  });

  test('partial answers: incomplete, unless a Yes is already recorded (never hidden)', () => {
    const partial = emptyCseDraft();
    partial.significant['going-missing'] = 'no';
    expect(cseOutcome(partial, screeningContext(14))).toEqual({ state: 'incomplete', unanswered: cseSignificantIndicators.slice(1).map((indicator) => indicator.id) });
    partial.significant['online-grooming'] = 'yes';
    const outcome = cseOutcome(partial, screeningContext(14));
    expect(outcome.state === 'screened' && outcome.actions).toContain('discuss-with-safeguarding-lead-today');
  });

  test.each<[number, string]>([
    [10, 'not-applicable'],
    [11, 'incomplete'],
    [18, 'not-applicable'],
  ])('age %s → %s', (age, state) => {
    expect(cseOutcome(emptyCseDraft(), screeningContext(age)).state).toBe(state);
  });
});

describe('cseConcernFacts: what the concern-level rules read', () => {
  test.each<[string, CseDraft, number, boolean, boolean]>([
    ['no indicator', answered(), 14, false, false],
    ['a significant indicator refuses "No concern"', answered({ 'assault-disclosure': 'yes' }), 14, true, false],
    ['sexual activity at 12 or under: Suspect only, referral mandatory', answered({ 'sexual-activity-12-or-under': 'yes' }), 12, true, true],
    ['sexual activity at 12 or under, recorded at 13', answered({ 'sexual-activity-12-or-under': 'yes' }), 13, true, true],
    ['other indicators alone do not refuse "No concern"', withOther(5), 14, false, false],
    ['outside 11–17 the screen says nothing', answered({ 'going-missing': 'yes' }), 18, false, false],
    ['not asked says nothing', { ...answered({ 'going-missing': 'yes' }), notAsked: true }, 14, false, false],
  ])('%s', (_name, draft, age, refuses, suspectOnly) => {
    const result = cseConcernFacts(draft, screeningContext(age));
    expect(result.refusesNoConcern).toBe(refuses);
    expect(result.suspectOnly).toBe(suspectOnly);
    expect(result.referralMandatory).toBe(suspectOnly);
    expect(result.reasons.length > 0).toBe(refuses);
  });
});

describe('cseSuggestions: from the record, with their source, never ticked', () => {
  test.each<[string, number, ScreeningReason | undefined, Partial<ScreeningRecordFacts>, (string | undefined)[], string[]]>([
    ['came alone under 16', 15, undefined, { cameAlone: true }, [undefined], ['came-alone-under-16']],
    ['came alone at 16: no suggestion', 16, undefined, { cameAlone: true }, [], []],
    ['an adult answered for the young person', 16, undefined, { adultAnsweredForYoungPerson: true }, ['unrelated-adult-answers'], ['adult-answered-for-young-person']],
    ['not in education', 14, undefined, { notInEducation: true }, ['not-in-education'], ['not-in-education']],
    ['attendance reason: intoxication', 14, 'intoxication', {}, ['intoxicated-at-presentation'], ['attendance-reason']],
    ['attendance reason: assault', 14, 'assault', {}, ['assault-disclosure'], ['attendance-reason']],
    ['frequent attendance', 14, undefined, { frequentAttendance: true }, [undefined], ['frequent-attendance']],
    ['CP-IS looked after', 14, undefined, { cpis: 'checked-looked-after' }, ['looked-after-family-breakdown'], ['cpis-looked-after']],
    ['age 10: none', 10, 'intoxication', { notInEducation: true }, [], []],
  ])('%s', (_name, age, reason, recordFacts, indicators, sources) => {
    const suggestions = cseSuggestions(screeningContext(age, reason), facts(recordFacts));
    expect(suggestions.map((suggestion) => suggestion.indicator)).toEqual(indicators);
    expect(suggestions.map((suggestion) => suggestion.source.id)).toEqual(sources);
  });

  test('an adult partner of an under-16 points to the controlling or much older relationship', () => {
    const draft = { ...emptyCseDraft(), partnerAge: '24' };
    expect(cseSuggestions(screeningContext(14), facts(), draft).map((suggestion) => suggestion.indicator)).toEqual(['controlling-older-relationship']);
    expect(cseSuggestions(screeningContext(16), facts(), draft)).toEqual([]);
    expect(cseSuggestions(screeningContext(14), facts(), { ...draft, partnerAgeNotKnown: true })).toEqual([]);
  });

  test("a partner's age must be a whole number 10–99", () => {
    expect(validateCse({ ...answered(), partnerAge: '1.5' }, screeningContext(14), facts())).toEqual([
      { field: 'partnerAge', message: "Partner's age must be a whole number from 10 to 99" },
    ]);
    expect(validateCse({ ...answered(), partnerAge: '17' }, screeningContext(14), facts())).toEqual([]);
  });
});
