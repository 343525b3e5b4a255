/**
 * Think Family in the letters (PRODUCT.md 4.7 and section 5; issue 10): the adult's GP letter
 * carries the findings and asks the GP about the children by name; one health visitor or
 * school nurse notification per child the nurse chose to share, of the kind the child's age
 * gives; a child's notification leaves out the adult's own clinical details unless the adult
 * consents or a safeguarding reason is recorded; letter identity is attendance + kind + child.
 */
import { describe, expect, it, test } from 'vitest';
import { deriveContext } from '../assessment/derive-context';
import type { AssessmentRecord } from '../assessment/record';
import type { ThinkFamilyChild } from '../screening/think-family';
import { emptyThinkFamilyChild } from '../screening/think-family';
import { adultWithChildrenRecord, LETTER_TIME, letterSettings } from '../../test-support/letter-fixtures';
import type { LetterChoices } from './facts';
import { noChoices } from './facts';
import { letterIdentityKey, sameLetterIdentity } from './kinds';
import { applicableLetters, composeLetter, letterIdentityLabel, letterReadiness, restrictedContentOf } from './letters';
import { renderLetterText as textOf } from './render-text';

const input = (record: AssessmentRecord, childId?: string, choices: LetterChoices = noChoices()) => ({ record, settings: letterSettings(), at: LETTER_TIME, choices, ...(childId ? { childId } : {}) });
const childLetters = (record: AssessmentRecord) =>
  applicableLetters(record.answers, deriveContext(record.answers, LETTER_TIME))
    .filter((letter) => letter.childId !== undefined)
    .map((letter) => [letter.childName, letter.kind]);

function withChildren(children: ThinkFamilyChild[]): AssessmentRecord {
  const record = adultWithChildrenRecord();
  record.answers.thinkFamily.children = children;
  return record;
}

const kid = (id: string, firstName: string, fields: Partial<ThinkFamilyChild>): ThinkFamilyChild => ({ ...emptyThinkFamilyChild(id), firstName, livesWithPatient: 'yes', socialCare: 'no', share: 'yes', ...fields });

describe('the adult GP letter (research §7.4 item 2)', () => {
  const gp = () => textOf(composeLetter('gp', input(adultWithChildrenRecord())));

  it('carries the children found and who is looking after them, never "not recorded"', () => {
    const text = gp();
    expect(text).toContain("Children (Think Family): Amy Green, born 4 May 2018 (7 years); lives with the patient; school or nursery: Radford Primary School; not known to children's social care");
    expect(text).toContain('Ben Green, born 15 September 2022 (3 years)');
    expect(text).toContain('Looking after the children now: Their grandmother, Judy Green, at her home');
    expect(text).not.toContain('not recorded in this assessment');
  });

  it('asks the GP something specific about the children, by name', () => {
    expect(gp()).toContain("Please note Amy (7 years) and Ben (3 years) in the family's records, and at your next contact ask the patient how they are managing the children's care.");
  });

  it('records the escalation and asks the GP to check what was agreed', () => {
    const record = adultWithChildrenRecord();
    Object.assign(record.answers.thinkFamily, { caringNowSafety: 'unsure', escalationActions: ['nurse-in-charge', 'safeguarding-team'], escalationDetails: 'Safeguarding team called 03:10' });
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).toContain('Escalated at this attendance: Told the nurse in charge');
    expect(text).toContain('Safeguarding team called 03:10');
    expect(text).toContain('please check with the hospital safeguarding team what was agreed');
  });

  test.each<[string, Partial<AssessmentRecord['answers']['thinkFamily']>, string]>([
    ['not able to ask', { hasChildren: 'not-able-to-ask', hasChildrenNotAskedReason: 'Too drowsy', children: [] }, 'Children at home (Think Family): not able to ask at this attendance (Too drowsy).'],
    ['declined', { hasChildren: 'declined', children: [] }, 'the patient declined to say whether they have or care for children'],
    ['no children', { hasChildren: 'no', caresForChildren: 'no', children: [] }, 'the patient has no children, does not live with children and does not care for any'],
    ['not asked', { hasChildren: '', caresForChildren: '', children: [] }, 'Children at home (Think Family): not asked at this attendance.'],
  ])('says plainly when %s', (_name, change, expected) => {
    const record = adultWithChildrenRecord();
    Object.assign(record.answers.thinkFamily, change);
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).toContain(expected);
    expect(text).not.toContain('Please note');
  });

  it('a pregnancy: the CP-IS check for the unborn child and the referrals', () => {
    const record = adultWithChildrenRecord();
    Object.assign(record.answers.thinkFamily, { pregnant: 'yes', midwiferyReferral: 'made', unbornSafeguardingReferral: 'not-made', unbornSafeguardingReferralReason: 'Discussed with the safeguarding team: not needed' });
    record.answers.informationChecks.cpis = 'checked-no-plan';
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).toContain('CP-IS check for the unborn child: Checked – no plan');
    expect(text).toContain('Referral to the midwifery safeguarding team: Made');
    expect(text).toContain('Safeguarding referral for the unborn child: Not made: Discussed with the safeguarding team: not needed');
    expect(text).toContain("Please make sure the patient's midwife knows of this attendance.");
  });

  it('an unborn child only: the letter does not say the patient has children at home, and asks for the midwife', () => {
    const record = withChildren([kid('unborn-1', 'Baby', { unborn: true, livesWithPatient: '', expectedDelivery: { day: '1', month: '5', year: '2026' } })]);
    Object.assign(record.answers.thinkFamily, { hasChildren: 'no', caresForChildren: 'no', pregnant: 'yes' });
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).toContain("Please make sure the patient's midwife knows of this attendance.");
    expect(text).not.toContain('This patient has children at home or cares for children');
    const born = withChildren([kid('amy', 'Amy', { ageYears: '7' })]);
    expect(textOf(composeLetter('gp', input(born)))).toContain('This patient has children at home or cares for children');
  });

  it('never names a domestic abuse or FGM trigger in the GP letter (restricted subjects)', () => {
    const record = adultWithChildrenRecord();
    record.answers.thinkFamily.alsoRecorded = ['domestic-abuse', 'fgm'];
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).not.toMatch(/domestic abuse|FGM|genital/i);
  });
});

describe('one notification per child shared, of the kind the child’s age gives', () => {
  it('only the children the nurse chose to share', () => {
    expect(childLetters(adultWithChildrenRecord())).toEqual([['Amy Green', 'school-nurse']]);
  });

  it('under 5 and unborn: the health visitor; 5–17: the school nurse; not shared or no age: none', () => {
    const record = withChildren([
      kid('c-4', 'Noah', { dateOfBirth: { day: '1', month: '6', year: '2021' } }),
      kid('c-12', 'Lily', { ageYears: '12' }),
      kid('c-u', '', { unborn: true, expectedDelivery: { day: '1', month: '9', year: '2026' } }),
      kid('c-no', 'Zoe', { ageYears: '9', share: 'no' }),
      kid('c-none', 'Max', {}),
    ]);
    expect(childLetters(record)).toEqual([
      ['Noah', 'health-visitor'],
      ['Lily', 'school-nurse'],
      ['Unborn child', 'health-visitor'],
    ]);
  });

  it('each notification is its own letter: identity attendance + kind + child', () => {
    expect(letterIdentityKey({ kind: 'gp' })).toBe('gp');
    expect(letterIdentityKey({ kind: 'school-nurse', childId: 'child-amy' })).toBe('school-nurse/child/child-amy');
    expect(sameLetterIdentity({ kind: 'school-nurse', childId: 'a' }, { kind: 'school-nurse', childId: 'b' })).toBe(false);
    expect(sameLetterIdentity({ kind: 'school-nurse' }, { kind: 'school-nurse', childId: undefined })).toBe(true);
    expect(letterIdentityLabel(adultWithChildrenRecord().answers, { kind: 'school-nurse', childId: 'child-amy' })).toBe('Notification to the school nurse about Amy Green');
  });

  it('is ready to issue for a shared child, and does not apply for a child not shared or the adult without a child', () => {
    const record = adultWithChildrenRecord();
    expect(letterReadiness('school-nurse', input(record, 'child-amy'))).toEqual([]);
    expect(letterReadiness('school-nurse', input(record, 'child-ben')).map((problem) => problem.message)).toEqual(['The notification to the school nurse does not apply to this attendance']);
    expect(letterReadiness('school-nurse', input(record)).map((problem) => problem.message)).toEqual(['The notification to the school nurse does not apply to this attendance']);
  });
});

describe('a child’s notification', () => {
  const amyLetter = (record = adultWithChildrenRecord()) => composeLetter('school-nurse', input(record, 'child-amy'));

  it('is about the child, to the school nurse at the child’s school, with who is caring for the children now', () => {
    const document = amyLetter();
    expect(document.kind).toBe('school-nurse');
    expect(document.patientLine).toBe('Amy Green, born 4 May 2018 (7 years)');
    expect(document.recipient.lines).toEqual(['School nurse, Radford Primary School']);
    const text = textOf(document);
    expect(text).toContain('Parent or carer who attended: Rachel Green');
    expect(text).toContain('Looking after the children now: Their grandmother, Judy Green, at her home');
    expect(text).not.toContain('Ben Green');
  });

  it('leaves out the adult’s own clinical details by default (no consent, no safeguarding reason)', () => {
    const text = textOf(amyLetter());
    expect(text).not.toContain('paracetamol');
    expect(text).not.toMatch(/overdose|self-harm/i);
    expect(text).toContain("The parent's or carer's own health details are not included");
  });

  test.each<[string, Partial<AssessmentRecord['answers']['thinkFamily']>]>([
    ['with the adult’s consent', { adultDetails: 'consent' }],
    ['with a recorded safeguarding reason', { adultDetails: 'safeguarding', adultDetailsReason: 'Risk to the children from a repeat overdose at home' }],
  ])('includes them %s', (_name, change) => {
    const record = adultWithChildrenRecord();
    Object.assign(record.answers.thinkFamily, change);
    const text = textOf(amyLetter(record));
    expect(text).toContain('Why the parent or carer attended: Self-harm or overdose');
    expect(text).toContain('Clinical impression: Single paracetamol overdose');
  });

  it('a safeguarding basis chosen without its reason still withholds them', () => {
    const record = adultWithChildrenRecord();
    Object.assign(record.answers.thinkFamily, { adultDetails: 'safeguarding', adultDetailsReason: '' });
    expect(textOf(amyLetter(record))).not.toContain('paracetamol');
  });

  it('carries no restricted category of the adult (domestic abuse and FGM are never named)', () => {
    const record = adultWithChildrenRecord();
    record.answers.thinkFamily.alsoRecorded = ['domestic-abuse', 'fgm'];
    expect(restrictedContentOf('school-nurse', input(record, 'child-amy'))).toEqual([]);
    expect(textOf(amyLetter(record))).not.toMatch(/domestic abuse|FGM|genital/i);
  });

  it('an unborn child’s notification goes to the health visitor with the expected date of delivery', () => {
    const record = withChildren([kid('c-u', '', { unborn: true, expectedDelivery: { day: '1', month: '9', year: '2026' } })]);
    const document = composeLetter('health-visitor', input(record, 'c-u'));
    expect(document.patientLine).toBe('Unborn child, expected 1 September 2026');
    expect(document.recipient.lines).toEqual(["Health visitor for the child's area"]);
  });
});
