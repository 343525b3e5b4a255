/**
 * Which letters apply and why (the reason the letters page shows for each), and what stands
 * between a letter and issuing it, case by case: the branches of letters.ts the letter
 * content tests in letters.test.ts do not reach.
 */
import { describe, expect, test } from 'vitest';
import { deriveContext } from '../assessment/derive-context';
import { emptyDischargeDraft } from '../assessment/discharge';
import type { AssessmentRecord } from '../assessment/record';
import { adultWithChildrenRecord, infantSuspectRecord, LETTER_TIME, letterSettings, noConcernsChildRecord, youngPersonRestrictedRecord } from '../../test-support/letter-fixtures';
import type { LetterChoices, LetterInput } from './facts';
import { letterFacts, noChoices } from './facts';
import { applicableLetters, composeFullLetter, composeLetter, letterReadiness, restrictedContentOf } from './letters';

const input = (record: AssessmentRecord, choices: LetterChoices = noChoices()): LetterInput => ({ record, settings: letterSettings(), at: LETTER_TIME, choices });
const applicable = (record: AssessmentRecord) => applicableLetters(record.answers, deriveContext(record.answers, LETTER_TIME));

describe('why each letter applies', () => {
  test('an adult: the GP letter for every attendance, and a notification for each child the nurse chose to share', () => {
    expect(applicable(adultWithChildrenRecord())).toEqual([
      { kind: 'gp', why: 'Every attendance: the GP must have it within 24 hours (NHS Standard Contract)' },
      { kind: 'school-nurse', why: 'Think Family: you chose to inform this child’s health visitor or school nurse', childId: 'child-amy', childName: 'Amy Green' },
    ]);
  });

  test('an infant referred by phone: the health visitor, because the nurse chose to inform them, and the written referral', () => {
    expect(applicable(infantSuspectRecord()).slice(1)).toEqual([
      { kind: 'health-visitor', why: 'Every child’s attendance, and you chose to inform them in the outcome' },
      { kind: 'mash-referral', why: 'A referral was made by phone: this is the written referral' },
    ]);
  });

  test('a child not to be notified by choice still has the school nurse notification', () => {
    const record = noConcernsChildRecord();
    record.answers.outcome.notify = 'no';
    expect(applicable(record)[1]).toEqual({ kind: 'school-nurse', why: 'Every child’s attendance is shared with the health visitor or school nurse' });
  });

  test.each<[string, Partial<AssessmentRecord['answers']['outcome']>, string | undefined]>([
    ['referral to be made next working day', { referral: 'next-working-day', concernLevel: 'consider' }, 'A referral is to be made next working day'],
    ['Suspect with the referral not yet recorded', { referral: '', concernLevel: 'suspect' }, 'The concern is Suspect: refer to children’s social care'],
    ['Consider, referral made by phone', { referral: 'made', concernLevel: 'consider' }, 'A referral was made by phone: this is the written referral'],
    ['Consider, referral not made', { referral: 'not-made', concernLevel: 'consider' }, undefined],
    ['Excluded', { referral: '', concernLevel: 'excluded' }, undefined],
  ])('MASH referral: %s', (_name, outcome, why) => {
    const record = youngPersonRestrictedRecord();
    record.answers.outcome = { ...record.answers.outcome, ...outcome };
    expect(applicable(record).find((letter) => letter.kind === 'mash-referral')?.why).toBe(why);
  });
});

describe('what stands between a letter and issuing it', () => {
  test('an unsigned record that also lacks other things: signing comes first, then the rest', () => {
    const record = noConcernsChildRecord();
    record.status = 'in-progress';
    record.answers.discharge = { ...record.answers.discharge, clinicalImpression: '', followUp: '' };
    expect(letterReadiness('gp', input(record))).toEqual([
      { message: 'Sign the assessment first', fix: { to: 'sign' } },
      { message: 'Complete the discharge section: clinical impression and follow-up', fix: { to: 'section', slug: 'discharge', field: 'clinicalImpression' } },
    ]);
  });

  test('a letter that does not apply names only that, even when unsigned', () => {
    const record = adultWithChildrenRecord();
    record.status = 'in-progress';
    expect(letterReadiness('school-nurse', input(record))).toEqual([
      { message: 'Sign the assessment first', fix: { to: 'sign' } },
      { message: 'The notification to the school nurse does not apply to this attendance', fix: { to: 'sign' } },
    ]);
  });

  test('a discharge field named twice is listed once', () => {
    const record = noConcernsChildRecord();
    record.answers.discharge = { ...emptyDischargeDraft(), destination: 'other' };
    const message = letterReadiness('gp', input(record))[0]?.message ?? '';
    expect(message.match(/discharge destination/g)?.length).toBe(1);
  });

  test('including restricted content without a reason: only where there is restricted content, and never for the MASH referral', () => {
    const include: LetterChoices = { slots: {}, restricted: { include: true, reason: '' } };
    const reasonProblem = { message: 'Enter the reason for including restricted safeguarding information', fix: { to: 'restricted-reason' } };
    expect(letterReadiness('gp', input(youngPersonRestrictedRecord(), include))).toContainEqual(reasonProblem);
    expect(letterReadiness('gp', input(noConcernsChildRecord(), include))).not.toContainEqual(reasonProblem);
    expect(letterReadiness('gp', input(youngPersonRestrictedRecord(), { ...include, restricted: { include: false, reason: '' } }))).not.toContainEqual(reasonProblem);
    expect(letterReadiness('mash-referral', input(infantSuspectRecord(), include))).not.toContainEqual(reasonProblem);
  });

  test('without the safeguarding team’s number the fix is in settings', () => {
    const value = input(noConcernsChildRecord());
    value.settings.contacts.safeguardingTeam = ' ';
    expect(letterReadiness('gp', value)).toEqual([{ message: "Add the hospital safeguarding team's phone number in settings (ask the nurse in charge)", fix: { to: 'settings' } }]);
  });

  test('a required slot left blank is named with its label and slot id', () => {
    const problems = letterReadiness('mash-referral', input(infantSuspectRecord()));
    expect(problems[0]).toEqual({ message: 'Complete “Do the parents or carers know about this referral, and do they agree?”', fix: { to: 'slot', slotId: expect.any(String) as string } });
  });
});

describe('composing', () => {
  test('each kind is composed by its own module', () => {
    const facts = letterFacts(input(infantSuspectRecord()));
    expect(composeFullLetter('gp', facts).kind).toBe('gp');
    expect(composeFullLetter('health-visitor', facts).kind).toBe('health-visitor');
    // The notification names whoever the child's age calls for.
    expect(composeFullLetter('school-nurse', letterFacts(input(youngPersonRestrictedRecord()))).kind).toBe('school-nurse');
    expect(composeFullLetter('mash-referral', facts).kind).toBe('mash-referral');
  });

  test('the restricted categories are read before the choice, and the composed letter applies it', () => {
    const value = input(youngPersonRestrictedRecord());
    expect(restrictedContentOf('gp', value).length).toBeGreaterThan(0);
    expect(JSON.stringify(composeLetter('gp', value))).toContain('Further safeguarding information is held by the hospital safeguarding team');
  });
});
