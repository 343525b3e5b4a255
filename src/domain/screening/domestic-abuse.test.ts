/**
 * Domestic abuse (PRODUCT.md 4.8; research §10): who is asked, the DASH count and the
 * professional-judgement override at the MARAC threshold, the bad DASH counts, the referral
 * fields high risk brings, the interpreter rule, the follow-ups, and a 16–17-year-old victim
 * reaching both MARAC and the MASH.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import type { AssessmentContext } from '../assessment/context';
import { emptyAnswers } from '../assessment/record';
import { allowedConcernLevels, concernFactsFromAnswers, concernLevelProblem, referralMandatory } from '../rules/concern-level';
import { emptySafeguardingDraft } from '../assessment/safeguarding-prompts';
import { sectionById } from '../rules/sections';
import type { DomesticAbuseDraft } from './domestic-abuse';
import {
  DASH_HIGH_RISK_THRESHOLD,
  domesticAbuseApplies,
  domesticAbuseChildVictim,
  domesticAbuseDraftSchema,
  domesticAbuseFollowUps,
  enquiryRequired,
  highRisk,
  highRiskBasis,
  indicatorsPresent,
  readDashCount,
  validateDomesticAbuse,
} from './domestic-abuse';

const adult = screeningContext(27, 'assault', 'female');

const draft = (changes: Partial<DomesticAbuseDraft> = {}): DomesticAbuseDraft => domesticAbuseDraftSchema.parse({ ...changes });

/** A complete disclosure below the threshold: DASH 5, no judgement, IDVA declined, safe contact, no children. */
const disclosure = (changes: Partial<DomesticAbuseDraft> = {}): DomesticAbuseDraft =>
  draft({
    enquiry: 'disclosed',
    interpreterUsed: 'not-needed',
    dash: 'completed',
    dashYesCount: '5',
    judgementHighRisk: 'no',
    idvaReferral: 'declined',
    safeContactNumber: '07700 900982',
    safeContactTime: 'Weekdays 10:00 to 14:00',
    immediateDanger: 'no',
    childrenInHousehold: 'no',
    pregnant: 'no',
    ...changes,
  });

const fields = (d: DomesticAbuseDraft, ctx: AssessmentContext = adult): string[] => validateDomesticAbuse(d, ctx).map((issue) => issue.field);
const messageFor = (d: DomesticAbuseDraft, field: string, ctx: AssessmentContext = adult): string | undefined =>
  validateDomesticAbuse(d, ctx).find((issue) => issue.field === field)?.message;

describe('who is asked: 16 and over, when indicators are present', () => {
  test.each<[number, boolean]>([
    [15, false],
    [16, true],
    [17, true],
    [18, true],
    [64, true],
  ])('an assault at %i: the section applies = %s', (age, applies) => {
    expect(domesticAbuseApplies(screeningContext(age, 'assault'))).toBe(applies);
  });

  test.each([
    ['injury', true],
    ['assault', true],
    ['self-harm', true],
    ['mental-health', true],
    ['intoxication', true],
    ['sexual-health', true],
    ['genital-urinary-gynaecological', true],
    ['illness', false],
    ['other', false],
  ] as const)('a 30-year-old attending with %s: the section applies = %s', (reason, applies) => {
    expect(domesticAbuseApplies(screeningContext(30, reason))).toBe(applies);
  });

  test('no reason for attendance yet: not shown', () => {
    expect(domesticAbuseApplies(screeningContext(30))).toBe(false);
  });

  test.each([
    ['assault', ['assault']],
    ['self-harm', ['self-harm']],
    ['intoxication', ['substance-misuse']],
    ['injury', []],
  ] as const)('the reason %s is itself an indicator: %j', (reason, expected) => {
    expect(indicatorsPresent(draft(), screeningContext(30, reason))).toEqual(expected);
  });

  test('an injury with no indicator ticked: the indicators question is asked, the enquiry is not required', () => {
    const injury = screeningContext(30, 'injury');
    expect(fields(draft(), injury)).toEqual(['indicators']);
    expect(messageFor(draft(), 'indicators', injury)).toBe("Select the indicators of domestic abuse, or 'None of these'");
    expect(fields(draft({ indicators: ['none'] }), injury)).toEqual([]);
    expect(enquiryRequired(draft({ indicators: ['none'] }), injury)).toBe(false);
  });

  test('a ticked indicator (strangulation) makes the enquiry required', () => {
    const injury = screeningContext(30, 'injury');
    const ticked = draft({ indicators: ['strangulation'] });
    expect(enquiryRequired(ticked, injury)).toBe(true);
    expect(messageFor(ticked, 'enquiry', injury)).toBe('Select whether the patient has been asked about domestic abuse, in private');
  });

  test("'None of these' with an indicator ticked is refused", () => {
    expect(messageFor(draft({ indicators: ['none', 'controlling-companion'] }), 'indicators', screeningContext(30, 'injury'))).toBe(
      "Select the indicators present, or 'None of these', not both",
    );
  });

  test('an assault needs no tick: the reason is the indicator, and the enquiry is required', () => {
    expect(fields(draft())).toEqual(['enquiry']);
  });
});

describe('the enquiry answers', () => {
  test('Not safe to ask needs the reason, and creates a follow-up on the liaison list', () => {
    expect(messageFor(draft({ enquiry: 'not-safe' }), 'notSafeReason')).toBe('Enter why it was not safe to ask');
    const d = draft({ enquiry: 'not-safe', notSafeReason: 'Partner would not leave the bay' });
    expect(fields(d)).toEqual([]);
    expect(domesticAbuseFollowUps(d, adult)).toEqual([
      {
        kind: 'domestic-abuse-not-safe-to-ask',
        screen: 'domestic-abuse',
        text: 'Domestic abuse: it was not safe to ask at this attendance. Find a safe, private way to ask, or pass it to the safeguarding team',
        detail: 'Partner would not leave the bay',
      },
    ]);
  });

  test('Not asked needs the reason and creates its own follow-up; asked creates none', () => {
    expect(messageFor(draft({ enquiry: 'not-asked' }), 'notAskedReason')).toBe('Enter why the patient was not asked');
    expect(domesticAbuseFollowUps(draft({ enquiry: 'not-asked', notAskedReason: 'Too unwell' }), adult).map((entry) => entry.kind)).toEqual(['domestic-abuse-not-asked']);
    expect(domesticAbuseFollowUps(draft({ enquiry: 'denied' }), adult)).toEqual([]);
    expect(domesticAbuseFollowUps(draft({ enquiry: 'not-safe' }), screeningContext(15, 'assault'))).toEqual([]);
  });

  test('Asked – denied asks only whether an interpreter was used', () => {
    expect(fields(draft({ enquiry: 'denied' }))).toEqual(['interpreterUsed']);
    expect(fields(draft({ enquiry: 'denied', interpreterUsed: 'not-needed' }))).toEqual([]);
  });

  test('a patient who needs an interpreter is asked only through a professional interpreter', () => {
    const d = draft({ enquiry: 'denied', interpreterUsed: 'not-needed' });
    expect(validateDomesticAbuse(d, adult, { needsInterpreter: true })).toEqual([
      { field: 'interpreterUsed', message: 'The patient needs an interpreter: ask only through a professional interpreter, or select Not asked and give the reason' },
    ]);
    expect(validateDomesticAbuse({ ...d, interpreterUsed: 'professional' }, adult, { needsInterpreter: true })).toEqual([]);
  });
});

describe('DASH at the MARAC threshold, and the professional-judgement override', () => {
  test('the threshold is 14 "yes" answers', () => {
    expect(DASH_HIGH_RISK_THRESHOLD).toBe(14);
  });

  test.each<[string, boolean]>([
    ['0', false],
    ['13', false],
    ['14', true],
    ['15', true],
    ['24', true],
  ])('DASH %s "yes" answers, no judgement: high risk = %s', (count, expected) => {
    const d = disclosure({ dashYesCount: count });
    expect(highRisk(d, adult)).toBe(expected);
    expect(fields(d).includes('maracReferral')).toBe(expected);
  });

  test('13 with professional judgement (threats to kill) is high risk, on judgement alone', () => {
    const d = disclosure({ dashYesCount: '13', judgementHighRisk: 'yes', judgementReasons: ['threats-to-kill'] });
    expect(highRiskBasis(d, adult)).toEqual(['judgement']);
    expect(messageFor(d, 'maracReferral')).toBe('Select whether the MARAC referral was made: the patient is at high risk');
  });

  test('14 with judgement too: both reasons are kept', () => {
    expect(highRiskBasis(disclosure({ dashYesCount: '14', judgementHighRisk: 'yes', judgementReasons: ['stalking'] }), adult)).toEqual(['dash-count', 'judgement']);
  });

  test('DASH not completed (with the reason) and judgement: high risk on judgement', () => {
    const d = disclosure({ dash: 'not-completed', dashYesCount: '', dashNotCompletedReason: 'Patient too distressed', judgementHighRisk: 'yes', judgementReasons: ['strangulation'] });
    expect(highRiskBasis(d, adult)).toEqual(['judgement']);
    expect(messageFor(disclosure({ dash: 'not-completed', dashYesCount: '' }), 'dashNotCompletedReason')).toBe('Enter why the DASH risk checklist was not completed');
  });

  test('judgement needs its reason, and Other needs the words', () => {
    expect(messageFor(disclosure({ judgementHighRisk: 'yes' }), 'judgementReasons')).toBe('Select what makes you judge the risk high');
    expect(messageFor(disclosure({ judgementHighRisk: 'yes', judgementReasons: ['other'] }), 'judgementDetails')).toBe('Describe what makes you judge the risk high');
  });

  test('nothing disclosed: never high risk, whatever is left in the fields', () => {
    expect(highRisk(draft({ enquiry: 'denied', dash: 'completed', dashYesCount: '20', judgementHighRisk: 'yes' }), adult)).toBe(false);
  });
});

describe('a bad DASH count: a specific message, the text kept as typed', () => {
  test.each<[string, string]>([
    ['', 'Enter the number of "yes" answers on the DASH risk checklist, from 0 to 24'],
    ['25', 'The number of "yes" answers must be from 0 to 24: the DASH risk checklist has 24 questions'],
    ['-1', 'The number of "yes" answers must be a whole number from 0 to 24, like 15'],
    ['14.5', 'The number of "yes" answers must be a whole number from 0 to 24, like 15'],
    ['fourteen', 'The number of "yes" answers must be a whole number from 0 to 24, like 15'],
  ])('%j', (typed, message) => {
    const d = disclosure({ dashYesCount: typed });
    expect(messageFor(d, 'dashYesCount')).toBe(message);
    expect(d.dashYesCount).toBe(typed);
    expect(highRisk(d, adult)).toBe(false);
  });

  test('spaces around a whole number are allowed', () => {
    expect(readDashCount(' 15 ')).toEqual({ ok: true, value: 15 });
    expect(messageFor(disclosure({ dashYesCount: ' 15 ', maracReferral: 'passed-on', maracPassedTo: 'Safeguarding team', sharingBasis: 'consent' }), 'dashYesCount')).toBeUndefined();
  });

  test('the count survives a save and reload as typed, even when wrong', () => {
    const stored = JSON.parse(JSON.stringify({ ...emptyAnswers(), domesticAbuse: disclosure({ dashYesCount: '25' }) })) as unknown;
    expect(domesticAbuseDraftSchema.parse((stored as { domesticAbuse: unknown }).domesticAbuse).dashYesCount).toBe('25');
  });
});

describe('after a disclosure: MARAC, IDVA, sharing, safe contact, immediate danger, children', () => {
  const highRiskDraft = (changes: Partial<DomesticAbuseDraft> = {}) => disclosure({ dashYesCount: '15', ...changes });

  test('MARAC made needs the date and who made it; the reference is optional', () => {
    const d = highRiskDraft({ maracReferral: 'made', sharingBasis: 'consent' });
    expect(fields(d)).toEqual(['maracReferralDate.day', 'maracReferredBy']);
    expect(fields({ ...d, maracReferralDate: { day: '10', month: '3', year: '2026' }, maracReferredBy: 'Alex Morgan' })).toEqual([]);
  });

  test('MARAC passed on needs who; not made needs why', () => {
    expect(messageFor(highRiskDraft({ maracReferral: 'passed-on', sharingBasis: 'consent' }), 'maracPassedTo')).toBe('Enter who will make the MARAC referral');
    expect(messageFor(highRiskDraft({ maracReferral: 'not-made' }), 'maracNotMadeReason')).toBe('Enter why the MARAC referral was not made');
  });

  test('a MARAC or IDVA referral needs consent or the legal basis for sharing', () => {
    expect(messageFor(highRiskDraft({ maracReferral: 'passed-on', maracPassedTo: 'Safeguarding team' }), 'sharingBasis')).toBe(
      'Select whether the patient consents to sharing, or the legal basis for sharing without consent',
    );
    expect(messageFor(disclosure({ idvaReferral: 'accepted' }), 'sharingBasis')).toBeDefined();
    expect(messageFor(disclosure({ idvaReferral: 'accepted', sharingBasis: 'without-consent' }), 'sharingLegalBasis')).toBe('Enter the legal basis for sharing without consent');
    expect(fields(disclosure({ idvaReferral: 'declined' }))).toEqual([]);
  });

  test('IDVA not offered needs the reason', () => {
    expect(messageFor(disclosure({ idvaReferral: 'not-offered' }), 'idvaNotOfferedReason')).toBe('Enter why the referral was not offered');
    expect(messageFor(disclosure({ idvaReferral: '' }), 'idvaReferral')).toBe('Select whether a referral to an IDVA or specialist domestic abuse service was offered');
  });

  test('a safe contact number (a valid phone number) and a time are required', () => {
    expect(messageFor(disclosure({ safeContactNumber: '' }), 'safeContactNumber')).toBe('Enter a safe contact number');
    expect(messageFor(disclosure({ safeContactNumber: '12' }), 'safeContactNumber')).toBe('Enter a safe contact number, like 07700 900 982 or 0115 924 9924');
    expect(messageFor(disclosure({ safeContactTime: '' }), 'safeContactTime')).toBe('Enter when it is safe to call');
  });

  test('immediate danger: the 999 call is recorded', () => {
    expect(messageFor(disclosure({ immediateDanger: 'yes' }), 'policeDetails')).toBe('Enter when the police were called on 999');
    expect(messageFor(disclosure({ immediateDanger: '' }), 'immediateDanger')).toBe('Select whether the patient, or anyone else, is in immediate danger');
  });

  test.each([
    [{ childrenInHousehold: 'yes' }, true],
    [{ pregnant: 'yes' }, true],
    [{ childrenInHousehold: 'not-known' }, false],
    [{}, false],
  ] as const)('children or pregnancy %j: a child safeguarding referral is required = %s', (changes, required) => {
    expect(fields(disclosure(changes)).includes('childReferral')).toBe(required);
  });

  test('the child referral: made needs the details, not made the reason', () => {
    expect(messageFor(disclosure({ pregnant: 'yes', childReferral: 'made' }), 'childReferralDetails')).toBe('Enter when and to whom the child safeguarding referral was made');
    expect(messageFor(disclosure({ pregnant: 'yes', childReferral: 'not-made' }), 'childReferralNotMadeReason')).toBe('Enter why the child safeguarding referral was not made');
  });
});

describe('a 16 or 17-year-old victim: MARAC and the MASH together', () => {
  const seventeen = screeningContext(17, 'assault', 'female');
  const highRisk17 = disclosure({ dashYesCount: '15' });
  const facts = (d: DomesticAbuseDraft) => concernFactsFromAnswers({ ...emptyAnswers(), domesticAbuse: d });

  test('a 17-year-old disclosing at DASH 15 reaches MARAC (its fields required) and the MASH (referral mandatory, Suspect only)', () => {
    expect(domesticAbuseChildVictim(highRisk17, seventeen)).toBe(true);
    expect(validateDomesticAbuse(highRisk17, seventeen).map((issue) => issue.field)).toContain('maracReferral');
    expect(referralMandatory(emptySafeguardingDraft(), seventeen, facts(highRisk17))).toBe(true);
    expect(allowedConcernLevels(emptySafeguardingDraft(), seventeen, undefined, facts(highRisk17))).toEqual(['suspect']);
    expect(concernLevelProblem('consider', emptySafeguardingDraft(), seventeen, undefined, facts(highRisk17))).toBe(
      "Consider cannot be chosen because a young person of 16 or 17 has disclosed domestic abuse. Select Suspect: a young person of 16 or 17 who discloses domestic abuse needs a referral to children's social care (MASH), as well as MARAC when the risk is high",
    );
  });

  test('below the threshold a 16-year-old still goes to the MASH; MARAC is not required', () => {
    const sixteen = screeningContext(16, 'assault', 'female');
    expect(referralMandatory(emptySafeguardingDraft(), sixteen, facts(disclosure()))).toBe(true);
    expect(validateDomesticAbuse(disclosure(), sixteen).map((issue) => issue.field)).not.toContain('maracReferral');
  });

  test('through the task list: the Domestic abuse section asks for MARAC and the Outcome section refuses "referral not made"', () => {
    const answers = { ...emptyAnswers(), domesticAbuse: highRisk17 };
    answers.outcome = { ...answers.outcome, concernLevel: 'suspect', referral: 'not-made', referralNotMadeReason: 'Young person asked us not to' };
    expect(sectionById('domesticAbuse').validate(answers, seventeen).map((issue) => issue.field)).toContain('maracReferral');
    expect(sectionById('outcome').validate(answers, seventeen)).toContainEqual({
      field: 'referral',
      message:
        "A referral to children's social care is mandatory here (sexual activity or pregnancy under 13, a known case of FGM, or domestic abuse disclosed by a 16 or 17-year-old): select whether it was made or will be made next working day",
    });
    answers.outcome = { ...answers.outcome, concernLevel: 'consider', referral: '' };
    expect(sectionById('outcome').validate(answers, seventeen).map((issue) => issue.field)).toContain('concernLevel');
  });

  test('a denial, or an adult victim, leaves the child pathway referral as it was', () => {
    expect(referralMandatory(emptySafeguardingDraft(), seventeen, facts(draft({ enquiry: 'denied' })))).toBe(false);
    expect(domesticAbuseChildVictim(highRisk17, screeningContext(18, 'assault'))).toBe(false);
    expect(referralMandatory(emptySafeguardingDraft(), screeningContext(18, 'assault'), facts(highRisk17))).toBe(false);
  });
});
