/**
 * What each young-person screen says for oversight (issue 9 "Oversight data"): truth tables
 * for asked / not asked with the reason / deferred / incomplete / not started, and the
 * outcome flags, for every screen; which screens appear at each age and presentation.
 */
import { describe, expect, test } from 'vitest';
import { completeChildSelfHarm } from '../../test-support/fixtures';
import { screeningContext } from '../../test-support/screening-contexts';
import type { AssessmentContext } from '../assessment/context';
import { emptyAnswers } from '../assessment/record';
import type { Answers } from '../assessment/record';
import { emptyCrafftDraft, stampPartB } from './crafft';
import type { CrafftDraft } from './crafft';
import { cseOtherIndicators, cseSignificantIndicators, emptyCseDraft } from './cse';
import type { CseDraft } from './cse';
import { emptyFgmDraft } from './fgm';
import type { FgmDraft } from './fgm';
import { emptyFraserDraft, fraserCriteria } from './fraser';
import type { FraserDraft } from './fraser';
import { screenSummaries } from './screen-summaries';
import { GENITAL_URINARY_GYNAE_REASON } from './screening-context';
import { emptySelfHarmDraft } from './self-harm';

const with_ = (changes: Partial<Answers>): Answers => ({ ...emptyAnswers(), ...changes });

/** Every significant indicator answered (No unless given), `other` other indicators Yes. */
function cse(significant: Partial<CseDraft['significant']> = {}, other = 0, changes: Partial<CseDraft> = {}): CseDraft {
  const draft = { ...emptyCseDraft(), ...changes };
  for (const indicator of cseSignificantIndicators) draft.significant[indicator.id] = 'no';
  Object.assign(draft.significant, significant);
  for (const indicator of cseOtherIndicators.slice(0, other)) draft.other[indicator.id] = 'yes';
  return draft;
}

describe('which screens appear', () => {
  test.each<[string, AssessmentContext, string[]]>([
    ['8, injury', screeningContext(8, 'injury', 'male'), []],
    ['10 (below the CSE screen)', screeningContext(10, 'illness', 'male'), []],
    ['11: CSE only', screeningContext(11, 'illness', 'male'), ['cse']],
    ['12: CSE and substance use', screeningContext(12, 'illness', 'male'), ['cse', 'crafft']],
    ['17: CSE and substance use', screeningContext(17, 'illness', 'male'), ['cse', 'crafft']],
    ['18: none', screeningContext(18, 'illness', 'male'), []],
    ['age not known: none', screeningContext(undefined, 'illness'), []],
    ['14, sexual health: Fraser too', screeningContext(14, 'sexual-health', 'male'), ['cse', 'crafft', 'fraser']],
    ['16, sexual health: no Fraser', screeningContext(16, 'sexual-health', 'male'), ['cse', 'crafft']],
    ['15 girl, genital or urinary: FGM', screeningContext(15, GENITAL_URINARY_GYNAE_REASON, 'female'), ['cse', 'crafft', 'fgm']],
    ['15 boy, genital or urinary: no FGM', screeningContext(15, GENITAL_URINARY_GYNAE_REASON, 'male'), ['cse', 'crafft']],
    ['9, self-harm', screeningContext(9, 'self-harm', 'male'), ['selfHarm']],
    ['14, mental health', screeningContext(14, 'mental-health', 'male'), ['cse', 'crafft', 'selfHarm']],
  ])('%s', (_name, ctx, screens) => {
    expect(Object.keys(screenSummaries(emptyAnswers(), ctx))).toEqual(screens);
  });
});

describe('CSE screen', () => {
  const ctx = screeningContext(14, 'illness');
  const summary = (draft: CseDraft, context = ctx) => screenSummaries(with_({ cse: draft }), context).cse;

  test.each<[string, CseDraft, string, string]>([
    ['nothing recorded', emptyCseDraft(), 'not-started', ''],
    ['only the threshold stamp', { ...emptyCseDraft(), otherThreshold: '3' }, 'not-started', ''],
    ['an other indicator only', { ...emptyCseDraft(), other: { ...emptyCseDraft().other, 'learning-disability': 'no' } }, 'incomplete', ''],
    ['seven of eight significant indicators', { ...cse(), significant: { ...cse().significant, 'going-missing': '' } }, 'incomplete', ''],
    ['all eight answered', cse(), 'asked', ''],
    ['all eight, some Not known or Declined', cse({ 'going-missing': 'not-known', 'online-grooming': 'declined' }), 'asked', ''],
    ['not asked, not seen alone', { ...emptyCseDraft(), notAsked: true, notAskedReason: 'not-seen-alone' }, 'not-asked', 'not-seen-alone'],
    ['not asked, no reason yet', { ...emptyCseDraft(), notAsked: true }, 'not-asked', ''],
  ])('%s → %s', (_name, draft, state, reason) => {
    expect(summary(draft)).toMatchObject({ state, reason });
  });

  test.each<[string, CseDraft, { significant: number; other: number; discussion: boolean; under13: boolean }]>([
    ['nothing found', cse(), { significant: 0, other: 0, discussion: false, under13: false }],
    ['a significant indicator', cse({ 'cars-unknown-adults': 'yes' }), { significant: 1, other: 0, discussion: true, under13: false }],
    ['two significant indicators', cse({ 'cars-unknown-adults': 'yes', 'unexplained-gifts': 'yes' }, 1), { significant: 2, other: 1, discussion: true, under13: false }],
    ['sexual activity at 12 or under', cse({ 'sexual-activity-12-or-under': 'yes' }), { significant: 1, other: 0, discussion: true, under13: true }],
    ['other indicators below the default threshold', cse({}, 2), { significant: 0, other: 2, discussion: false, under13: false }],
    ['other indicators at the default threshold', cse({}, 3), { significant: 0, other: 3, discussion: true, under13: false }],
    ['at a recorded threshold of 2', cse({}, 2, { otherThreshold: '2' }), { significant: 0, other: 2, discussion: true, under13: false }],
    ['below a recorded threshold of 4', cse({}, 3, { otherThreshold: '4' }), { significant: 0, other: 3, discussion: false, under13: false }],
    ['a power imbalance', cse({}, 0, { powerImbalance: 'yes' }), { significant: 0, other: 0, discussion: true, under13: false }],
    ['not asked carries no outcome', { ...cse({ 'going-missing': 'yes' }), notAsked: true, notAskedReason: 'declined' }, { significant: 0, other: 0, discussion: false, under13: false }],
  ])('outcome: %s', (_name, draft, expected) => {
    expect(summary(draft)).toMatchObject(expected);
  });

  test.each<[string, AssessmentContext, boolean]>([
    ['illness: not mandatory', screeningContext(14, 'illness'), false],
    ['assault: mandatory', screeningContext(14, 'assault'), true],
    ['intoxication: mandatory', screeningContext(14, 'intoxication'), true],
  ])('mandatory: %s', (_name, context, mandatory) => {
    expect(summary(emptyCseDraft(), context)?.mandatory).toBe(mandatory);
  });
});

describe('substance use screen (CRAFFT)', () => {
  const ctx = screeningContext(15, 'illness');
  const summary = (draft: CrafftDraft) => screenSummaries(with_({ substanceUse: draft }), ctx).crafft;
  const partA = (alcohol: string, cannabis = '0', other = '0'): CrafftDraft => ({ ...emptyCrafftDraft(), daysAlcohol: alcohol, daysCannabis: cannabis, daysOther: other });
  const allSix = (yes: number, base = partA('5')): CrafftDraft =>
    stampPartB({ ...base, ...Object.fromEntries((['car', 'relax', 'alone', 'forget', 'friends', 'trouble'] as const).map((id, index) => [id, index < yes ? 'yes' : 'no'])) });

  test.each<[string, CrafftDraft, { state: string; reason: string; score: number | null; positive: boolean }]>([
    ['nothing recorded', emptyCrafftDraft(), { state: 'not-started', reason: '', score: null, positive: false }],
    ['Part A only', partA('5'), { state: 'incomplete', reason: '', score: null, positive: false }],
    ['Part A not all answered', partA('', '0'), { state: 'incomplete', reason: '', score: null, positive: false }],
    ['Part A changed after Part B (out of date)', { ...allSix(2), daysAlcohol: '6' }, { state: 'incomplete', reason: '', score: null, positive: false }],
    ['no use, CAR No', stampPartB({ ...partA('0'), car: 'no' }), { state: 'asked', reason: '', score: 0, positive: false }],
    ['no use, CAR Yes', stampPartB({ ...partA('0'), car: 'yes' }), { state: 'asked', reason: '', score: 1, positive: false }],
    ['score 1', allSix(1), { state: 'asked', reason: '', score: 1, positive: false }],
    ['score 2 (positive)', allSix(2), { state: 'asked', reason: '', score: 2, positive: true }],
    ['score 6', allSix(6), { state: 'asked', reason: '', score: 6, positive: true }],
    ['deferred while intoxicated', { ...emptyCrafftDraft(), notAsked: 'deferred-intoxicated' }, { state: 'deferred', reason: 'deferred-intoxicated', score: null, positive: false }],
    ['not asked, declined', { ...emptyCrafftDraft(), notAsked: 'declined' }, { state: 'not-asked', reason: 'declined', score: null, positive: false }],
    ['not asked, too unwell', { ...emptyCrafftDraft(), notAsked: 'too-unwell' }, { state: 'not-asked', reason: 'too-unwell', score: null, positive: false }],
  ])('%s', (_name, draft, expected) => {
    expect(summary(draft)).toMatchObject(expected);
  });

  test('a positive screen carries brief advice and the service referral; a negative one carries neither', () => {
    expect(summary({ ...allSix(3), briefAdvice: 'given', referral: 'declined' })).toMatchObject({ adviceGiven: true, serviceReferral: 'declined' });
    expect(summary({ ...allSix(3), briefAdvice: 'not-given', referral: 'made' })).toMatchObject({ adviceGiven: false, serviceReferral: 'made' });
    expect(summary({ ...allSix(1), briefAdvice: 'given', referral: 'made' })).toMatchObject({ adviceGiven: false, serviceReferral: '' });
  });
});

describe('Fraser guidelines', () => {
  const ctx = screeningContext(14, 'sexual-health');
  const summary = (draft: FraserDraft, context = ctx) => screenSummaries(with_({ fraser: draft }), context).fraser;
  const criteria = (answer: 'met' | 'not-met' | '', notMet?: string): FraserDraft => {
    const draft = emptyFraserDraft();
    for (const criterion of fraserCriteria) draft.criteria[criterion.id] = { answer: criterion.id === notMet ? 'not-met' : answer, reason: '' };
    return draft;
  };

  test.each<[string, FraserDraft, string, string]>([
    ['nothing recorded', emptyFraserDraft(), 'not-started', ''],
    ['one criterion answered', { ...emptyFraserDraft(), criteria: { ...emptyFraserDraft().criteria, understandsAdvice: { answer: 'met', reason: '' } } }, 'incomplete', ''],
    ['all five met', criteria('met'), 'asked', 'competent'],
    ['one not met', criteria('met', 'bestInterests'), 'asked', 'not-competent'],
  ])('%s → %s %s', (_name, draft, state, result) => {
    expect(summary(draft)).toMatchObject({ state, result, powerImbalance: false });
  });

  test('under 13: not offered, and the result says why', () => {
    expect(summary(criteria('met'), screeningContext(12, 'sexual-health'))).toEqual({ state: 'not-offered', result: 'under-13', powerImbalance: false });
  });

  test('a power imbalance is carried', () => {
    expect(summary({ ...criteria('met'), powerImbalance: 'yes' })?.powerImbalance).toBe(true);
  });
});

describe('FGM', () => {
  const ctx = screeningContext(15, GENITAL_URINARY_GYNAE_REASON, 'female');
  const summary = (draft: FgmDraft) => screenSummaries(with_({ fgm: draft }), ctx).fgm;
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

  test.each<[string, FgmDraft, { state: string; reason: string; knownCase: boolean; atRisk: boolean; policeReport: string }]>([
    ['nothing recorded', emptyFgmDraft(), { state: 'not-started', reason: '', knownCase: false, atRisk: false, policeReport: '' }],
    ['not asked, with the reason', { ...emptyFgmDraft(), asked: 'not-asked', notAskedReason: ' No interpreter available ' }, { state: 'not-asked', reason: 'No interpreter available', knownCase: false, atRisk: false, policeReport: '' }],
    ['a known case, fully recorded', knownCase(), { state: 'asked', reason: '', knownCase: true, atRisk: false, policeReport: 'reported' }],
    ['a known case, report still to make', knownCase({ policeReport: 'will-report' }), { state: 'asked', reason: '', knownCase: true, atRisk: false, policeReport: 'will-report' }],
    ['a known case with no reporter', knownCase({ reportedBy: '' }), { state: 'incomplete', reason: '', knownCase: true, atRisk: false, policeReport: 'reported' }],
    ['no FGM, not at risk', { ...emptyFgmDraft(), asked: 'no', observedSigns: 'no', atRisk: 'no' }, { state: 'asked', reason: '', knownCase: false, atRisk: false, policeReport: '' }],
    [
      'at risk, FGM-IS indicator added',
      { ...emptyFgmDraft(), asked: 'no', observedSigns: 'no', atRisk: 'yes', atRiskFactors: ['mother-or-sister'], fgmIs: 'indicator-added' },
      { state: 'asked', reason: '', knownCase: false, atRisk: true, policeReport: '' },
    ],
    ['at risk, FGM-IS not recorded', { ...emptyFgmDraft(), asked: 'no', observedSigns: 'no', atRisk: 'yes', atRiskFactors: ['mother-or-sister'] }, { state: 'incomplete', reason: '', knownCase: false, atRisk: true, policeReport: '' }],
  ])('%s', (_name, draft, expected) => {
    expect(summary(draft)).toEqual(expected);
  });

  test('opened on a disclosure at any presentation', () => {
    const draft = { ...emptyFgmDraft(), openedOnDisclosure: true };
    expect(screenSummaries(with_({ fgm: draft }), screeningContext(15, 'illness', 'female')).fgm?.state).toBe('not-started');
  });
});

describe('self-harm or mental health', () => {
  const ctx = screeningContext(15, 'self-harm');
  const summary = (draft = emptySelfHarmDraft()) => screenSummaries(with_({ selfHarm: draft }), ctx).selfHarm;

  test.each<[string, ReturnType<typeof emptySelfHarmDraft>, { state: string; parentsInformed: string; responsibleAdult: string }]>([
    ['nothing recorded', emptySelfHarmDraft(), { state: 'not-started', parentsInformed: '', responsibleAdult: '' }],
    ['started', { ...emptySelfHarmDraft(), withYoungPerson: 'nobody' }, { state: 'incomplete', parentsInformed: '', responsibleAdult: '' }],
    ['complete, parents informed', completeChildSelfHarm(), { state: 'asked', parentsInformed: 'yes', responsibleAdult: '' }],
    ['a responsible adult named', { ...completeChildSelfHarm(), responsibleAdultName: 'Sam Smith' }, { state: 'asked', parentsInformed: 'yes', responsibleAdult: 'named' }],
    [
      'no adult, reason recorded',
      { ...completeChildSelfHarm(), noResponsibleAdultReason: 'Lives independently, 17', noResponsibleAdultAgreedBy: 'Dr Lee' },
      { state: 'asked', parentsInformed: 'yes', responsibleAdult: 'reason-recorded' },
    ],
  ])('%s', (_name, draft, expected) => {
    expect(summary(draft)).toEqual(expected);
  });

  test('parents not informed', () => {
    expect(summary({ ...completeChildSelfHarm(), parentsInformed: 'no', parentsNotInformedReason: 'not-reached' })?.parentsInformed).toBe('no');
  });
});
