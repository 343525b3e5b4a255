/**
 * The young-person screens in the letters (issue 9): what each screen puts in the GP letter,
 * the school nurse notification and the MASH referral; which details are restricted, per
 * category and per letter kind; the substance use decision (answers restricted, outcome
 * shared); consent to share honoured and overridden; the FGM questions opened by a disclosure.
 */
import { describe, expect, test } from 'vitest';
import { deriveContext } from '../assessment/derive-context';
import type { AssessmentRecord } from '../assessment/record';
import { relevantSections } from '../rules/sections';
import { LETTER_TIME, letterSettings, noConcernsChildRecord, youngPersonRestrictedRecord, youngPersonScreenedRecord } from '../../test-support/letter-fixtures';
import { safeguardingContributors } from './contributions';
import { gpSharingDecisionFor, youngPersonDeclinedGpSharing } from './consent-to-share';
import { cseContribution } from './cse-contribution';
import type { LetterChoices } from './facts';
import { accountsRestricted, letterFacts, noChoices } from './facts';
import { FGM_KEY, fgmContribution } from './fgm-contribution';
import { GP_SHARING_DECLINED_TEXT, PARENTS_NOT_TOLD_REQUEST } from './fraser-contribution';
import { composeLetter, restrictedContentOf } from './letters';
import type { LetterDocument, LetterKind, RestrictedCategory } from './model';
import { renderLetterText } from './render-text';
import { SELF_HARM_GP_REQUEST } from './self-harm-contribution';
import { POSITIVE_SCREEN_GP_REQUEST, SUBSTANCE_USE_KEY, substanceUseContribution } from './substance-use-contribution';

const include: LetterChoices = { slots: {}, restricted: { include: true, reason: 'The young person asked for her GP to know' } };
const text = (kind: LetterKind, record: AssessmentRecord, choices: LetterChoices = noChoices()): string =>
  renderLetterText(composeLetter(kind, { record, settings: letterSettings(), at: LETTER_TIME, choices }));
const compose = (kind: LetterKind, record: AssessmentRecord, choices: LetterChoices = noChoices()): LetterDocument =>
  composeLetter(kind, { record, settings: letterSettings(), at: LETTER_TIME, choices });
const sectionText = (document: LetterDocument, id: string): string => renderLetterText({ ...document, sections: document.sections.filter((entry) => entry.id === id) });
const factsOf = (record: AssessmentRecord) => letterFacts({ record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices() });

describe('the registered contributors', () => {
  test('every young-person screen is registered, in the order its findings appear', () => {
    expect(safeguardingContributors.map((contributor) => contributor.id)).toEqual(['cse', 'substance-use', 'fraser', 'fgm', 'self-harm', 'domestic-abuse', 'audit-c', 'think-family']);
  });
  test('a well 8-year-old gets none of them (no screen applies)', () => {
    const record = noConcernsChildRecord();
    expect(safeguardingContributors.map((contributor) => contributor.contribute(factsOf(record)))).toEqual(safeguardingContributors.map(() => undefined));
  });
  test('a screen that applies but was never recorded says so, and restricts nothing', () => {
    const gp = text('gp', youngPersonRestrictedRecord());
    expect(gp).toContain('Child sexual exploitation screen: Not recorded in this assessment');
    expect(gp).toContain(`${SUBSTANCE_USE_KEY}: Not recorded in this assessment`);
    expect(gp).toContain('Fraser guidelines: Not recorded in this assessment');
    expect(restrictedContentOf('gp', { record: youngPersonRestrictedRecord(), settings: letterSettings(), at: LETTER_TIME, choices: noChoices() })).toEqual(['words-about-harm', 'domestic-abuse']);
  });
});

/** The restricted lines of journey (1), by category, and text that shows each is there. */
const restrictedLines: [RestrictedCategory, string][] = [
  ['cse', 'Boyfriend Ryan is 24 and buys her alcohol'],
  ['cse', 'A relationship with a controlling or much older person ("boyfriend" or "girlfriend"), or with a person or group of concern: Yes'],
  ['cse', 'He is 9 years older and supplies alcohol'],
  ['substance-use', 'Alcohol: 30'],
  ['substance-use', 'Cannabis: 4'],
  ['substance-use', 'C – car with a driver who was high or drinking'],
];

describe('restriction per category per letter kind (journey 1: CSE significant indicator, CRAFFT 3)', () => {
  test('the categories this record carries, per letter', () => {
    const input = { record: youngPersonScreenedRecord(), settings: letterSettings(), at: LETTER_TIME, choices: noChoices() };
    expect(restrictedContentOf('gp', input)).toEqual(['words-about-harm', 'cse', 'substance-use']);
    expect(restrictedContentOf('school-nurse', input)).toEqual(['words-about-harm', 'cse', 'substance-use']);
    expect(restrictedContentOf('mash-referral', input)).toEqual(['words-about-harm', 'cse', 'substance-use']);
  });

  test.each(restrictedLines)('%s: "%s" is absent from the GP and school nurse letters by default', (_category, line) => {
    expect(text('gp', youngPersonScreenedRecord())).not.toContain(line);
    expect(text('school-nurse', youngPersonScreenedRecord())).not.toContain(line);
  });

  test.each(restrictedLines)('%s: "%s" is present in the MASH referral, and in the GP letter included with a reason', (_category, line) => {
    expect(text('mash-referral', youngPersonScreenedRecord())).toContain(line);
    expect(text('gp', youngPersonScreenedRecord(), include)).toContain(line);
    expect(text('school-nurse', youngPersonScreenedRecord(), include)).toContain(line);
  });

  test('withheld, the GP letter says the screens were asked, the score, advice and referral, and where the rest is held', () => {
    const safeguarding = sectionText(compose('gp', youngPersonScreenedRecord()), 'safeguarding');
    expect(safeguarding).toContain('Child sexual exploitation screen: Asked\n');
    expect(safeguarding).toContain(`${SUBSTANCE_USE_KEY}: Score 3 out of 6 (the number of yes answers). 2 or more: positive`);
    expect(safeguarding).toContain('Brief advice: Brief advice given');
    expect(safeguarding).toContain("Referral to the young people's substance misuse service: Referred to the young people's substance misuse service");
    expect(safeguarding).toContain(POSITIVE_SCREEN_GP_REQUEST);
    expect(safeguarding).toContain('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.');
    expect(safeguarding).not.toContain('Discuss with the safeguarding lead today');
  });

  test('the MASH referral carries the CSE outcome actions under "What we are worried about"', () => {
    const worried = sectionText(compose('mash-referral', youngPersonScreenedRecord()), 'what-we-are-worried-about');
    expect(worried).toContain('Child sexual exploitation screen outcome: Discuss with the safeguarding lead today. Refer under the local child sexual exploitation procedure');
    expect(worried).toContain("Partner's age (years): 24");
    expect(worried).toContain('Days in the last 12 months: Alcohol: 30');
  });
});

describe('CSE screen', () => {
  const clear = () => {
    const record = youngPersonScreenedRecord();
    const a = record.answers;
    a.cse.significant = Object.fromEntries(Object.keys(a.cse.significant).map((id) => [id, 'no'])) as typeof a.cse.significant;
    a.cse.other = Object.fromEntries(Object.keys(a.cse.other).map((id) => [id, 'no'])) as typeof a.cse.other;
    Object.assign(a.cse, { details: '', partnerAge: '', powerImbalance: 'no', powerImbalanceDetails: '' });
    return record;
  };
  test('a clear screen is shared as such, with no restricted block', () => {
    const contribution = cseContribution(factsOf(clear()));
    expect(contribution?.blocks).toEqual([{ type: 'rows', rows: [{ key: 'Child sexual exploitation screen', value: ['Asked: no indicators recorded'] }] }]);
  });
  test('a single "Declined" answer is not read as clear: it is restricted detail', () => {
    const record = clear();
    record.answers.cse.significant['going-missing'] = 'declined';
    const contribution = cseContribution(factsOf(record));
    expect(contribution?.blocks[0]).toEqual({ type: 'rows', rows: [{ key: 'Child sexual exploitation screen', value: ['Asked'] }] });
    expect(contribution?.blocks[1]?.restricted).toBe('cse');
  });
  test('not asked: the reason and the follow-up are shared', () => {
    const record = clear();
    Object.assign(record.answers.cse, { notAsked: true, notAskedReason: 'too-unwell-or-intoxicated' });
    expect(cseContribution(factsOf(record))?.blocks).toEqual([
      { type: 'rows', rows: [{ key: 'Child sexual exploitation screen', value: ['Not asked – too unwell or intoxicated', 'To be asked at the next contact (liaison follow-up)'] }] },
    ]);
  });
});

describe('substance use: answers restricted, outcome shared (CRAFFT_LETTER_RESTRICTION)', () => {
  const screened = (days: [string, string, string], partB: Partial<Record<'car' | 'relax' | 'alone' | 'forget' | 'friends' | 'trouble', 'yes' | 'no'>>) => {
    const record = youngPersonScreenedRecord();
    const s = record.answers.substanceUse;
    Object.assign(s, { daysAlcohol: days[0], daysCannabis: days[1], daysOther: days[2], car: '', relax: '', alone: '', forget: '', friends: '', trouble: '', briefAdvice: '', referral: '', ...partB });
    s.partBAnsweredWithPartA = days.join('|');
    return record;
  };
  test('no use and CAR "no": the score only, nothing restricted, nothing asked of the GP', () => {
    const contribution = substanceUseContribution(factsOf(screened(['0', '0', '0'], { car: 'no' })));
    expect(contribution).toEqual({ blocks: [{ type: 'rows', rows: [{ key: SUBSTANCE_USE_KEY, value: ['Score 0 out of 1 (the number of yes answers). Below 2: negative'] }] }], gpRequests: [], nurseRequests: [] });
  });
  test('use but negative: the day counts are restricted; no request of the GP', () => {
    const contribution = substanceUseContribution(factsOf(screened(['2', '0', '0'], { car: 'no', relax: 'yes', alone: 'no', forget: 'no', friends: 'no', trouble: 'no' })));
    expect(contribution?.blocks.map((block) => block.restricted)).toEqual([undefined, 'substance-use']);
    expect(contribution?.gpRequests).toEqual([]);
  });
  test('partial data is never scored in a letter', () => {
    const contribution = substanceUseContribution(factsOf(screened(['2', '', '0'], {})));
    expect(contribution?.blocks).toEqual([{ type: 'rows', rows: [{ key: SUBSTANCE_USE_KEY, value: ['No score yet: answer every question'] }] }]);
  });
  test('deferred because intoxicated: said, with the follow-up', () => {
    const record = screened(['', '', ''], {});
    record.answers.substanceUse.notAsked = 'deferred-intoxicated';
    expect(renderLetterText(compose('gp', record))).toContain(`${SUBSTANCE_USE_KEY}: Defer – the young person is intoxicated now\n    To be asked at a later contact (liaison follow-up)`);
  });
  test('a reason advice was not given is restricted; that it was not given is shared', () => {
    const record = youngPersonScreenedRecord();
    Object.assign(record.answers.substanceUse, { briefAdvice: 'not-given', briefAdviceNotGivenReason: 'She left before it could be given' });
    const gp = text('gp', record);
    expect(gp).toContain('Brief advice: Brief advice not given');
    expect(gp).not.toContain('She left before it could be given');
    expect(text('mash-referral', record)).toContain('She left before it could be given');
  });
});

/** A 15-year-old's Fraser-competent sexual-health attendance with her views on sharing. */
function fraserRecord(view: { gp: 'agrees' | 'declines'; parents: 'agrees' | 'declines'; level: 'no-concern' | 'consider'; override?: string }): AssessmentRecord {
  const record = youngPersonRestrictedRecord();
  const a = record.answers;
  for (const id of Object.keys(a.fraser.criteria) as (keyof typeof a.fraser.criteria)[]) a.fraser.criteria[id] = { answer: 'met', reason: 'Explained it back in her own words' };
  Object.assign(a.fraser, { parentInvolvement: 'encouraged-declined', partnerAge: '16', powerImbalance: 'no', gpSharing: view.gp, parentSharing: view.parents, gpSharingOverrideReason: view.override ?? '' });
  Object.assign(a.safeguarding, { carerChildInteraction: ['none'], householdRisks: ['none-known'] });
  a.outcome.concernLevel = view.level;
  return record;
}

describe('consent to share (issue 9 Clarifications)', () => {
  test('honoured: a competent young person who declines keeps the clinical facts out of the GP letter, and the letter says why', () => {
    const record = fraserRecord({ gp: 'declines', parents: 'declines', level: 'no-concern' });
    expect(gpSharingDecisionFor(record.answers, factsOf(record).ctx)).toEqual({ share: false, basis: 'young-person-declined' });
    expect(factsOf(record).declinedGpSharing).toBe(true);
    const gp = compose('gp', record);
    expect(sectionText(gp, 'diagnoses')).toContain('Left out of this letter: see Safeguarding.');
    expect(renderLetterText(gp)).not.toContain('Levonorgestrel');
    expect(sectionText(gp, 'safeguarding')).toContain(GP_SHARING_DECLINED_TEXT);
    // The MASH referral (if one were made) and the record keep everything.
    expect(text('mash-referral', record)).toContain('Levonorgestrel');
  });

  test('overridden: a safeguarding concern shares the clinical facts with the GP; the recorded reason goes to the MASH referral, not the GP letter', () => {
    const record = fraserRecord({ gp: 'declines', parents: 'agrees', level: 'consider', override: 'Partner may be much older: CSE concern' });
    expect(gpSharingDecisionFor(record.answers, factsOf(record).ctx)).toEqual({ share: true, basis: 'safeguarding-override', reasonRecorded: true });
    expect(youngPersonDeclinedGpSharing(record.answers, factsOf(record).ctx)).toBe(false);
    const gp = text('gp', record);
    expect(gp).toContain('Levonorgestrel');
    expect(gp).not.toContain(GP_SHARING_DECLINED_TEXT);
    expect(gp).not.toContain('Partner may be much older: CSE concern');
    expect(text('mash-referral', record)).toContain('Shared with the GP because of a safeguarding concern: Partner may be much older: CSE concern');
  });

  test('agreed: the GP has the clinical facts; the Fraser details stay restricted', () => {
    const record = fraserRecord({ gp: 'agrees', parents: 'agrees', level: 'no-concern' });
    const gp = text('gp', record);
    expect(gp).toContain('Levonorgestrel');
    expect(gp).not.toContain('All five criteria met: Fraser competent');
    expect(text('gp', record, include)).toContain('All five criteria met: Fraser competent');
    expect(restrictedContentOf('gp', { record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices() })).toEqual(['words-about-harm', 'fraser']);
  });

  test('a young person who does not want their parents told: the GP and school nurse are asked to keep it confidential', () => {
    const record = fraserRecord({ gp: 'agrees', parents: 'declines', level: 'no-concern' });
    expect(text('gp', record)).toContain(PARENTS_NOT_TOLD_REQUEST);
    expect(text('school-nurse', record)).toContain(PARENTS_NOT_TOLD_REQUEST);
    expect(text('gp', fraserRecord({ gp: 'agrees', parents: 'agrees', level: 'no-concern' }))).not.toContain(PARENTS_NOT_TOLD_REQUEST);
  });

  test('not Fraser competent: a decline is not the young person’s decision to make alone, so the GP is told', () => {
    const record = fraserRecord({ gp: 'declines', parents: 'declines', level: 'no-concern' });
    record.answers.fraser.criteria.understandsAdvice = { answer: 'not-met', reason: 'Could not explain the advice back' };
    expect(factsOf(record).declinedGpSharing).toBe(false);
    expect(text('gp', record)).toContain('Levonorgestrel');
    expect(text('gp', record)).not.toContain(PARENTS_NOT_TOLD_REQUEST);
  });
});

/** An eligible 15-year-old girl with an FGM answer, on an illness presentation unless `reason` is given. */
function fgmRecord(fgm: Partial<AssessmentRecord['answers']['fgm']>, opts: { disclosure?: boolean; reason?: string } = {}): AssessmentRecord {
  const record = youngPersonRestrictedRecord();
  const a = record.answers;
  a.patient.attendanceReason = (opts.reason ?? 'illness') as typeof a.patient.attendanceReason;
  Object.assign(a.safeguarding, { carerChildInteraction: ['none'], householdRisks: ['none-known'], disclosure: opts.disclosure ? 'yes' : 'no' });
  if (opts.disclosure) Object.assign(a.safeguarding, { disclosureWhatWasSaid: 'They cut me when I was little', disclosureBy: 'Leah (the child)' });
  Object.assign(a.fgm, fgm);
  return record;
}

const knownCase = {
  asked: 'yes',
  observedSigns: 'not-examined',
  fgmType: 'not-known',
  policeReport: 'reported',
  reportDate: { day: '10', month: '3', year: '2026' },
  reportTime: '12:50',
  reportedBy: 'Alex Morgan, triage nurse',
  policeReference: 'NP-2026-7781',
  safeguardingLeadInformed: 'Kim Lewis',
} as const;

describe('FGM', () => {
  test('a disclosure opens the questions on any presentation (research §6.4), for the task list and the letters', () => {
    const record = fgmRecord(knownCase, { disclosure: true });
    const ctx = deriveContext(record.answers, LETTER_TIME);
    expect(ctx.disclosure).toBe(true);
    expect(relevantSections(ctx).map((section) => section.id)).toContain('fgm');
    expect(fgmContribution(factsOf(record))).toBeDefined();
    const without = fgmRecord(knownCase);
    expect(relevantSections(deriveContext(without.answers, LETTER_TIME)).map((section) => section.id)).not.toContain('fgm');
    expect(fgmContribution(factsOf(without))).toBeUndefined();
  });

  test('a known case: the report details are absent from the GP and school nurse letters and present in the MASH referral', () => {
    const record = fgmRecord(knownCase, { reason: 'genital-urinary-gynaecological' });
    for (const kind of ['gp', 'school-nurse'] as const) {
      const letter = text(kind, record);
      expect(letter).toContain(`${FGM_KEY}: Asked`);
      expect(letter).not.toContain('NP-2026-7781');
      expect(letter).not.toContain('Known FGM in a girl under 18');
    }
    const mash = text('mash-referral', record);
    expect(mash).toContain('Known FGM in a girl under 18: Identified by: she said it was done');
    expect(mash).toContain('Reference: NP-2026-7781');
    expect(mash).toContain('By: Alex Morgan, triage nurse');
    expect(restrictedContentOf('gp', { record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices() })).toContain('fgm');
  });

  test('not yet reported: the MASH referral gives the deadline (end of the next working day)', () => {
    const record = fgmRecord({ ...knownCase, policeReport: 'will-report', reportDate: { day: '', month: '', year: '' }, reportTime: '', policeReference: '' }, { reason: 'genital-urinary-gynaecological' });
    expect(text('mash-referral', record)).toContain('Due by the end of 11 March 2026');
  });

  test('at risk: the factors and the FGM-IS step are restricted', () => {
    const record = fgmRecord({ asked: 'no', observedSigns: 'not-examined', atRisk: 'yes', atRiskFactors: ['planned-travel'], fgmIs: 'indicator-added' }, { reason: 'genital-urinary-gynaecological' });
    expect(text('gp', record)).not.toContain('Planned travel');
    expect(text('mash-referral', record)).toContain('Planned travel to a country where FGM is common');
    expect(text('mash-referral', record)).toContain('Indicator added');
  });

  test('nothing found: shared as such, nothing restricted', () => {
    const record = fgmRecord({ asked: 'no', observedSigns: 'no', atRisk: 'no' }, { reason: 'genital-urinary-gynaecological' });
    expect(fgmContribution(factsOf(record))?.blocks).toEqual([{ type: 'rows', rows: [{ key: FGM_KEY, value: ['Asked: no FGM identified and no risk recorded'] }] }]);
  });
});

describe('self-harm', () => {
  function selfHarmRecord(): AssessmentRecord {
    const record = youngPersonRestrictedRecord();
    const a = record.answers;
    a.patient.attendanceReason = 'self-harm';
    Object.assign(a.selfHarm, {
      withYoungPerson: 'someone',
      withName: 'Ewa Nowak',
      withRelationship: 'Mother',
      withPR: 'yes',
      parentsInformed: 'yes',
      overdose: 'no',
      accessToMeans: 'Medicines in the kitchen',
      meansReductionPlan: 'Mother will lock them away',
      camhs: 'referred',
      safetyPlan: 'Crisis line and who to call',
      safetyPlanHolder: 'Leah and her mother',
      responsibleAdultName: 'Ewa Nowak',
      followUpBooked: 'yes',
      followUpDetails: 'CAMHS within 7 days',
      schoolNurseInformed: 'yes',
    });
    return record;
  }
  test('the block goes to the GP unrestricted (clinical facts), with a request to follow up; never a risk score', () => {
    const record = selfHarmRecord();
    const safeguarding = sectionText(compose('gp', record), 'safeguarding');
    expect(safeguarding).toContain('Who is with the young person now?: Ewa Nowak (Mother)');
    expect(safeguarding).toContain('Safety plan agreed: Crisis line and who to call\n    Held by: Leah and her mother');
    expect(safeguarding).toContain('CAMHS or liaison mental health involvement: Referred');
    expect(safeguarding).toContain('Responsible adult who will stay with the young person: Ewa Nowak');
    expect(safeguarding).toContain(SELF_HARM_GP_REQUEST);
    expect(renderLetterText(compose('gp', record))).not.toMatch(/risk score|low risk|medium risk|high risk/i);
    expect(text('mash-referral', record)).toContain('Safety plan agreed: Crisis line and who to call');
  });
  test('recording it restricts nothing, so the child’s own account is not restricted by it', () => {
    const record = selfHarmRecord();
    record.answers.patient.attendanceReason = 'self-harm';
    record.answers.outcome.concernLevel = 'no-concern';
    Object.assign(record.answers.safeguarding, { carerChildInteraction: ['none'], householdRisks: ['none-known'] });
    expect(accountsRestricted(factsOf(record))).toBe(false);
  });
});
