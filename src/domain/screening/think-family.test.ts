/**
 * Think Family (PRODUCT.md 4.7; research §2.4; issue 10): the trigger table with each trigger
 * configurable off, mandatory versus offered, the immediate escalation that stops signing
 * until the action is recorded, the children's bad input, pregnancy, and the follow-up.
 */
import { describe, expect, it, test } from 'vitest';
import type { AttendanceReason } from '../assessment/context';
import { deriveContext } from '../assessment/derive-context';
import { informationChecksApply } from '../assessment/information-checks';
import { outcomeApplies } from '../assessment/outcome';
import { emptyAnswers } from '../assessment/record';
import type { Answers } from '../assessment/record';
import { issuesBeforeSigning, relevantSections } from '../rules/sections';
import { defaultDeviceSettings } from '../settings/device-settings';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { ThinkFamilyChild, ThinkFamilyDraft, ThinkFamilyTriggerFacts } from './think-family';
import {
  activeTriggers,
  childNotificationKind,
  emptyThinkFamilyChild,
  emptyThinkFamilyDraft,
  escalationReasons,
  thinkFamilyFollowUps,
  thinkFamilyTriggerIds,
  thinkFamilyTriggers,
  validateThinkFamily,
} from './think-family';
import { pregnancyRecordedInDomesticAbuse, summariseThinkFamily, thinkFamilyRequired, thinkFamilyTriggerFacts, thinkFamilyTriggersFor } from './think-family-section';

const noFacts = (overrides: Partial<ThinkFamilyTriggerFacts> = {}): ThinkFamilyTriggerFacts => ({
  attendanceReason: 'injury',
  domesticAbuseDisclosed: false,
  pregnant: false,
  admitted: false,
  soleCarer: false,
  adultFgm: false,
  adult: true,
  ...overrides,
});

const ids = (facts: ThinkFamilyTriggerFacts, off: readonly string[] = []): string[] => activeTriggers(facts, off).map((trigger) => trigger.id);

describe('the trigger table (research §2.4; issue 10)', () => {
  test.each<[string, Partial<ThinkFamilyTriggerFacts>, string[]]>([
    ['self-harm or overdose', { attendanceReason: 'self-harm' }, ['self-harm']],
    ['mental health crisis', { attendanceReason: 'mental-health' }, ['mental-health']],
    ['alcohol or drug intoxication', { attendanceReason: 'intoxication' }, ['intoxication']],
    ['assault', { attendanceReason: 'assault' }, ['assault']],
    ['disclosed domestic abuse', { domesticAbuseDisclosed: true }, ['domestic-abuse']],
    ['pregnancy with an overdose', { attendanceReason: 'self-harm', pregnant: true }, ['self-harm', 'pregnancy']],
    ['pregnancy with domestic abuse', { domesticAbuseDisclosed: true, pregnant: true }, ['domestic-abuse', 'pregnancy']],
    ['pregnancy alone is not a trigger', { pregnant: true }, []],
    ['admission of a sole carer', { admitted: true, soleCarer: true }, ['sole-carer-admitted']],
    ['an admission of a patient who is not a sole carer', { admitted: true }, []],
    ['a sole carer going home', { soleCarer: true }, []],
    ['an adult with FGM', { adultFgm: true }, ['adult-fgm']],
    ['FGM recorded for an under-18 (the FGM section applies instead)', { adultFgm: true, adult: false }, []],
    ['an injury', {}, []],
    ['an illness', { attendanceReason: 'illness' }, []],
  ])('%s', (_name, facts, expected) => {
    expect(ids(noFacts(facts))).toEqual(expected);
  });

  const firing: Record<string, Partial<ThinkFamilyTriggerFacts>> = {
    'self-harm': { attendanceReason: 'self-harm' },
    'mental-health': { attendanceReason: 'mental-health' },
    intoxication: { attendanceReason: 'intoxication' },
    assault: { attendanceReason: 'assault' },
    'domestic-abuse': { domesticAbuseDisclosed: true },
    pregnancy: { attendanceReason: 'assault', pregnant: true },
    'sole-carer-admitted': { admitted: true, soleCarer: true },
    'adult-fgm': { adultFgm: true },
  };

  test.each(thinkFamilyTriggerIds)('%s can be turned off in settings', (id) => {
    const facts = noFacts(firing[id]);
    expect(ids(facts)).toContain(id);
    expect(ids(facts, [id])).not.toContain(id);
  });

  it('pregnancy with a presentation still fires when that presentation’s own trigger is off', () => {
    expect(ids(noFacts({ attendanceReason: 'self-harm', pregnant: true }), ['self-harm'])).toEqual(['pregnancy']);
  });

  it('every trigger is on by default and the settings list them all', () => {
    expect(defaultDeviceSettings().thinkFamilyTriggersOff).toEqual([]);
    // The settings read the ids from their own small module: it must name every trigger, in order.
    expect(thinkFamilyTriggers.map((trigger) => trigger.id)).toEqual([...thinkFamilyTriggerIds]);
    expect(thinkFamilyTriggers.map((trigger) => trigger.label)).toEqual([
      'Self-harm or overdose',
      'Mental health crisis',
      'Alcohol or drug intoxication',
      'Assault',
      'Disclosed domestic abuse',
      'Pregnancy with any of these',
      'Admission of a patient who is a sole carer',
      'An adult with female genital mutilation (FGM)',
    ]);
  });
});

/** A 34-year-old's answers, arrived 10 March 2026 13:00. */
function adult(reason: AttendanceReason, thinkFamily: Partial<ThinkFamilyDraft> = {}, extra: (answers: Answers) => void = () => undefined): Answers {
  const answers = emptyAnswers();
  Object.assign(answers.patient, {
    arrivalDate: { day: '10', month: '3', year: '2026' },
    arrivalTime: '13:00',
    dateOfBirth: { day: '1', month: '1', year: '1992' },
    attendanceReason: reason,
  });
  Object.assign(answers.thinkFamily, thinkFamily);
  extra(answers);
  return answers;
}

const NOW = '2026-03-10T14:00:00.000Z';
const child = (fields: Partial<ThinkFamilyChild>): ThinkFamilyChild => ({ ...emptyThinkFamilyChild(fields.id ?? 'c1'), ...fields });
const amy = child({ id: 'amy', firstName: 'Amy', dateOfBirth: { day: '4', month: '5', year: '2018' }, livesWithPatient: 'yes', socialCare: 'no', share: 'yes' });
const complete: Partial<ThinkFamilyDraft> = { hasChildren: 'yes', caresForChildren: 'yes', soleCarer: 'no', pregnant: 'no', children: [amy], whoIsCaringNow: 'A neighbour', caringNowSafety: 'safe', adultDetails: 'no' };

describe('the record: who, when mandatory, and the settings', () => {
  it('applies to every adult and to young people 11–17, not to younger children', () => {
    expect(relevantSections(deriveContext(adult('injury'), NOW)).map((section) => section.id)).toContain('thinkFamily');
    expect(relevantSections(contextForAge(15)).map((section) => section.id)).toContain('thinkFamily');
    expect(relevantSections(contextForAge(8)).map((section) => section.id)).not.toContain('thinkFamily');
  });

  it('is mandatory for an adult after an overdose: signing lists its questions', () => {
    const answers = adult('self-harm');
    const ctx = deriveContext(answers, NOW);
    expect(thinkFamilyRequired(answers, ctx)).toBe(true);
    const found = issuesBeforeSigning(answers, ctx).find((entry) => entry.section.id === 'thinkFamily');
    expect(found?.issues.map((issue) => issue.field)).toEqual(['hasChildren', 'caresForChildren', 'pregnant']);
  });

  it('reads a pregnancy recorded on the domestic abuse page (Yes only), for the hint on this page', () => {
    expect(pregnancyRecordedInDomesticAbuse(adult('assault', {}, (answers) => Object.assign(answers.domesticAbuse, { enquiry: 'disclosed', pregnant: 'yes' })))).toBe(true);
    for (const pregnant of ['no', 'not-known', ''] as const) {
      expect(pregnancyRecordedInDomesticAbuse(adult('assault', {}, (answers) => Object.assign(answers.domesticAbuse, { enquiry: 'disclosed', pregnant })))).toBe(false);
    }
  });

  it('is offered, not required, after an injury: untouched it does not stop signing', () => {
    const answers = adult('injury');
    const ctx = deriveContext(answers, NOW);
    expect(thinkFamilyRequired(answers, ctx)).toBe(false);
    expect(issuesBeforeSigning(answers, ctx).some((entry) => entry.section.id === 'thinkFamily')).toBe(false);
  });

  it('a trigger turned off in settings leaves the section offered', () => {
    const answers = adult('self-harm');
    const ctx = deriveContext(answers, NOW, { thinkFamilyTriggersOff: ['self-harm'] });
    expect(thinkFamilyTriggersFor(answers, ctx)).toEqual([]);
    expect(issuesBeforeSigning(answers, ctx).some((entry) => entry.section.id === 'thinkFamily')).toBe(false);
  });

  it('admission of a sole carer reads the discharge destination and the sole-carer answer', () => {
    const answers = adult('illness', { hasChildren: 'yes', soleCarer: 'yes' }, (a) => {
      a.discharge.destination = 'admitted';
    });
    const ctx = deriveContext(answers, NOW);
    expect(thinkFamilyTriggerFacts(answers, ctx)).toMatchObject({ admitted: true, soleCarer: true });
    expect(thinkFamilyTriggersFor(answers, ctx).map((trigger) => trigger.id)).toEqual(['sole-carer-admitted']);
    const withChild = adult('illness', { ...complete, soleCarer: 'yes', soleCarerUnableNow: 'no' }, (a) => {
      a.discharge.destination = 'admitted';
    });
    const ctx2 = deriveContext(withChild, NOW);
    expect(validateThinkFamily(withChild.thinkFamily, ctx2, thinkFamilyTriggersFor(withChild, ctx2)).map((issue) => issue.message)).toEqual([
      'Enter who will look after the children while the patient is in hospital',
    ]);
  });

  it('a young person is required only once recorded as a parent, carer or pregnant, with a trigger', () => {
    const ctx = contextForAge(16, { attendanceReason: 'self-harm' });
    const triggers = activeTriggers(noFacts({ attendanceReason: 'self-harm', adult: false }));
    expect(validateThinkFamily(emptyThinkFamilyDraft(), ctx, triggers)).toEqual([]);
    const notAParent = { ...emptyThinkFamilyDraft(), hasChildren: 'no', caresForChildren: 'no', pregnant: 'no' } as const;
    expect(validateThinkFamily(notAParent, ctx, triggers)).toEqual([]);
    const parent = { ...emptyThinkFamilyDraft(), hasChildren: 'yes', caresForChildren: 'no', pregnant: 'no' } as const;
    expect(validateThinkFamily(parent, ctx, triggers).map((issue) => issue.field)).toContain('children');
  });

  it('finding children makes the outcome section apply to the adult; a pregnancy the information checks', () => {
    const none = deriveContext(adult('self-harm'), NOW);
    expect(outcomeApplies(none)).toBe(false);
    expect(informationChecksApply(none)).toBe(false);
    const withChildren = deriveContext(adult('self-harm', complete), NOW);
    expect(outcomeApplies(withChildren)).toBe(true);
    const pregnant = deriveContext(adult('assault', { pregnant: 'yes' }), NOW);
    expect(informationChecksApply(pregnant)).toBe(true);
  });

  it('offered and not asked: check answers says so in one row', () => {
    const answers = adult('injury');
    expect(summariseThinkFamily(answers, deriveContext(answers, NOW))).toEqual([{ key: 'Think Family – children at home', value: ['Not asked: offered, no trigger applies'], field: 'hasChildren' }]);
    expect(summariseThinkFamily(emptyAnswers(), contextForAge(15))[0]?.value).toEqual(['Not asked: for a young person who is a parent, a carer of children or pregnant']);
  });

  it('a complete answer set has no problems; check answers has a Change link for each row', () => {
    const answers = adult('self-harm', complete);
    const ctx = deriveContext(answers, NOW);
    expect(validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx))).toEqual([]);
    const rows = summariseThinkFamily(answers, ctx);
    expect(rows.map((row) => row.key)).toEqual([
      'Think Family triggers',
      'Does the patient have children, or live with children?',
      'Does the patient look after or care for any children?',
      'Is the patient pregnant, or could they be?',
      'Does the patient care for the children alone?',
      'Child 1',
      'Who is looking after the children now?',
      'Who will look after them if the patient is admitted?',
      "Can the children's notifications include the patient's own health details?",
    ]);
    expect(rows.every((row) => row.field !== '')).toBe(true);
    expect(rows.find((row) => row.key === 'Child 1')?.value[0]).toBe('Amy, born 4 May 2018 (7 years)');
  });
});

describe('immediate escalation (research §2.4 actions)', () => {
  const base: ThinkFamilyDraft = { ...emptyThinkFamilyDraft(), ...complete };
  test.each<[string, Partial<ThinkFamilyDraft>, string[]]>([
    ['caring now: Safe', { caringNowSafety: 'safe' }, []],
    ['caring now: Unsure', { caringNowSafety: 'unsure' }, ['caring-now-unsafe']],
    ['caring now: Not safe', { caringNowSafety: 'not-safe' }, ['caring-now-unsafe']],
    ['a sole carer too intoxicated or unwell, a child at home now', { soleCarer: 'yes', soleCarerUnableNow: 'yes' }, ['sole-carer-unable']],
    ['a sole carer able to care', { soleCarer: 'yes', soleCarerUnableNow: 'no' }, []],
    ['both', { caringNowSafety: 'not-safe', soleCarer: 'yes', soleCarerUnableNow: 'yes' }, ['caring-now-unsafe', 'sole-carer-unable']],
    ['an "unable" answer left from before the patient was a sole carer does not count', { soleCarer: 'no', soleCarerUnableNow: 'yes' }, []],
  ])('%s', (_name, change, expected) => {
    expect(escalationReasons({ ...base, ...change })).toEqual(expected);
  });

  it('signing is refused until the action taken is recorded, even when Think Family is only offered', () => {
    const answers = adult('injury', { ...complete, caringNowSafety: 'unsure' });
    const ctx = deriveContext(answers, NOW);
    expect(thinkFamilyRequired(answers, ctx)).toBe(false);
    const blocking = issuesBeforeSigning(answers, ctx).find((entry) => entry.section.id === 'thinkFamily');
    expect(blocking?.issues).toEqual([
      { field: 'escalationActions', message: 'Record what has been done to make the children safe before signing: who you told' },
      { field: 'escalationDetails', message: 'Enter who you spoke to, when, and what was agreed, before signing' },
    ]);
    answers.thinkFamily.escalationActions = ['nurse-in-charge', 'safeguarding-team'];
    expect(issuesBeforeSigning(answers, ctx).find((entry) => entry.section.id === 'thinkFamily')?.issues.map((issue) => issue.field)).toEqual(['escalationDetails']);
    answers.thinkFamily.escalationDetails = 'Sister N. Shah (nurse in charge) 14:10; safeguarding team 14:15: neighbour to stay until grandmother arrives';
    expect(issuesBeforeSigning(answers, ctx).some((entry) => entry.section.id === 'thinkFamily')).toBe(false);
  });
});

describe('children: bad input gets a specific message (issue 10 "Bad input")', () => {
  const check = (children: ThinkFamilyChild[], change: Partial<ThinkFamilyDraft> = {}) => {
    const answers = adult('self-harm', { ...complete, children, ...change });
    const ctx = deriveContext(answers, NOW);
    return validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx));
  };

  it('a date of birth after the arrival date', () => {
    expect(check([{ ...amy, dateOfBirth: { day: '11', month: '3', year: '2026' } }])).toEqual([
      {
        field: 'children.0.dateOfBirth.day',
        message: "The child's date of birth must be on or before the arrival date. For a child not yet born, add an unborn child with the expected date of delivery",
      },
    ]);
  });

  it('a baby born on the day of arrival is accepted', () => {
    expect(check([{ ...amy, dateOfBirth: { day: '10', month: '3', year: '2026' } }])).toEqual([]);
  });

  it('an age over 17', () => {
    expect(check([{ ...amy, dateOfBirth: { day: '', month: '', year: '' }, ageYears: '18' }])).toEqual([
      { field: 'children.0.ageYears', message: "The child's age must be 17 or under: Think Family records children under 18" },
    ]);
    expect(check([{ ...amy, dateOfBirth: { day: '', month: '', year: '' }, ageYears: '17' }])).toEqual([]);
  });

  it('a date of birth that makes the child 18', () => {
    expect(check([{ ...amy, dateOfBirth: { day: '10', month: '3', year: '2008' } }])[0]?.message).toBe('This date of birth makes the child 18 or over: Think Family records children under 18');
  });

  it('neither a date of birth nor an age', () => {
    expect(check([{ ...amy, dateOfBirth: { day: '', month: '', year: '' } }])[0]).toEqual({
      field: 'children.0.dateOfBirth.day',
      message: "Enter the child's date of birth, or their age if the date of birth is not known",
    });
  });

  it('an unborn child takes an expected date of delivery, in the future, and no date of birth', () => {
    const unborn = child({ id: 'u', unborn: true, expectedDelivery: { day: '1', month: '8', year: '2026' }, socialCare: 'no', share: 'yes' });
    expect(check([amy, unborn], { pregnant: 'yes', midwiferyReferral: 'made', unbornSafeguardingReferral: 'made' })).toEqual([]);
    expect(check([amy, { ...unborn, expectedDelivery: { day: '', month: '', year: '' } }], { pregnant: 'yes', midwiferyReferral: 'made', unbornSafeguardingReferral: 'made' })).toEqual([
      { field: 'children.1.expectedDelivery.day', message: 'Enter the expected date of delivery' },
    ]);
  });

  it('"has children: No" with children listed', () => {
    expect(check([amy], { hasChildren: 'no', caresForChildren: 'no' })).toEqual([
      { field: 'hasChildren', message: 'You answered No to having children, but children are listed: change the answer, or remove the children' },
    ]);
  });

  it('"Yes" with no child listed', () => {
    expect(check([])[0]).toEqual({ field: 'children', message: 'Add each child the patient has, lives with or cares for' });
  });

  it('an "Add" pressed and left empty is ignored', () => {
    expect(check([amy, emptyThinkFamilyChild('empty')])).toEqual([]);
  });
});

describe('pregnancy and sharing', () => {
  it('pregnant with a trigger: the midwifery and unborn-child safeguarding referrals are asked', () => {
    const answers = adult('assault', { ...complete, pregnant: 'yes' });
    const ctx = deriveContext(answers, NOW);
    const fields = validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx)).map((issue) => issue.field);
    expect(fields).toEqual(['midwiferyReferral', 'unbornSafeguardingReferral']);
  });

  it('pregnant with no trigger: the referral fields are not asked', () => {
    const answers = adult('illness', { ...complete, pregnant: 'yes' });
    const ctx = deriveContext(answers, NOW);
    expect(validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx))).toEqual([]);
  });

  test.each<[string, Partial<ThinkFamilyChild>, string | undefined]>([
    ['a 4-year-old', { dateOfBirth: { day: '11', month: '3', year: '2021' } }, 'health-visitor'],
    ['a child who turned 5 on the day of arrival', { dateOfBirth: { day: '10', month: '3', year: '2021' } }, 'school-nurse'],
    ['a 17-year-old by age', { dateOfBirth: { day: '', month: '', year: '' }, ageYears: '17' }, 'school-nurse'],
    ['an unborn child', { unborn: true }, 'health-visitor'],
    ['no age', { dateOfBirth: { day: '', month: '', year: '' } }, undefined],
  ])('%s is notified to the %s', (_name, change, kind) => {
    expect(childNotificationKind({ ...amy, ...change }, '2026-03-10T13:00:00.000Z')).toBe(kind);
  });

  it('the notifications question needs a reason when sharing without consent', () => {
    const answers = adult('self-harm', { ...complete, adultDetails: 'safeguarding' });
    const ctx = deriveContext(answers, NOW);
    expect(validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx))).toEqual([{ field: 'adultDetailsReason', message: 'Enter the safeguarding reason for sharing without consent' }]);
  });
});

describe('"Not able to ask" is never a dead end', () => {
  it('needs a reason, then creates a follow-up for the liaison list', () => {
    const answers = adult('intoxication', { hasChildren: 'not-able-to-ask' });
    const ctx = deriveContext(answers, NOW);
    expect(validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx))).toEqual([{ field: 'hasChildrenNotAskedReason', message: 'Enter why you were not able to ask' }]);
    answers.thinkFamily.hasChildrenNotAskedReason = 'Too intoxicated to answer';
    expect(validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx))).toEqual([]);
    expect(thinkFamilyFollowUps(answers.thinkFamily)).toEqual([
      {
        kind: 'think-family-not-able-to-ask',
        screen: 'think-family',
        text: 'Think Family: the nurse was not able to ask whether the patient has or cares for children: ask at the next contact',
        detail: 'Too intoxicated to answer',
      },
    ]);
  });

  it('no follow-up when the question was asked', () => {
    expect(thinkFamilyFollowUps({ ...emptyThinkFamilyDraft(), hasChildren: 'no' })).toEqual([]);
  });
});
