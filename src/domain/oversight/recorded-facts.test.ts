/** The compliance audit's recorded facts, read from the answers as the summary carries them. */
import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, contextFor, testPerson, withAccounts, withPeople } from '../../test-support/fixtures';
import type { Answers } from '../assessment/record';
import { recordedFacts } from './recorded-facts';

const facts = (answers: Answers) => recordedFacts(answers, contextFor(answers));
const child = completeChildAnswers({ ageYears: 8 });
const adult = completeAdultAnswers();
const nok = child.people.nextOfKin;

describe('next of kin and parental responsibility', () => {
  test.each<[string, Answers, string, string]>([
    ['child with mother as next of kin, with parental responsibility', child, 'named', 'named'],
    ['next of kin someone else, named', withPeople(child, { nextOfKin: { ...nok, answer: 'named', person: testPerson({ id: 'p-2', fullName: 'Sam Smith' }) } }), 'named', 'named'],
    ['next of kin "someone else" with no name yet', withPeople(adult, { nextOfKin: { ...nok, answer: 'named', person: testPerson({ id: 'p-2', fullName: ' ' }) } }), '', ''],
    ['adult declined', withPeople(adult, { nextOfKin: { ...nok, answer: 'declined' } }), 'reason', ''],
    ['adult not able to ask, with the reason', withPeople(adult, { nextOfKin: { ...nok, answer: 'not-able', notAbleReason: 'Unconscious' } }), 'reason', ''],
    ['adult not able to ask, no reason yet', withPeople(adult, { nextOfKin: { ...nok, answer: 'not-able', notAbleReason: '' } }), '', ''],
    ['not answered', withPeople(child, { nextOfKin: { ...nok, answer: '' } }), '', 'named'],
    [
      'child: none can be named, nobody with parental responsibility, the reason given',
      withPeople(child, { accompaniedBy: 'alone', companions: [], nextOfKin: { ...nok, answer: 'none-named' }, noParentalResponsibilityReason: 'Found alone, carers not known' }),
      'reason',
      'reason',
    ],
    ['child: nobody with parental responsibility and no reason', withPeople(child, { accompaniedBy: 'alone', companions: [], nextOfKin: { ...nok, answer: 'none-named' } }), 'reason', ''],
  ])('%s', (_name, answers, nextOfKin, parentalResponsibility) => {
    expect(facts(answers)).toMatchObject({ nextOfKin, parentalResponsibility });
  });
});

test.each<[string, Answers, string]>([
  ['came with someone named', child, 'named'],
  ['came alone', withPeople(adult, { accompaniedBy: 'alone' }), 'alone'],
  ['accompanied, nobody named yet', withPeople(adult, { accompaniedBy: 'accompanied', companions: [testPerson({ fullName: '' })] }), ''],
  ['not answered', withPeople(adult, { accompaniedBy: '' }), ''],
])('companion: %s', (_name, answers, companion) => {
  expect(facts(answers).companion).toBe(companion);
});

test.each<[string, Answers, string]>([
  ["the child's words", child, 'given'],
  ['pre-verbal', completeChildAnswers({ ageYears: 1 }), 'reason'],
  ['could not give one, no reason chosen', withAccounts(child, { childAccount: '', childAccountNotGiven: true, childAccountNotGivenReason: '' }), ''],
  ['nothing', withAccounts(child, { childAccount: ' ' }), ''],
  ['an adult: not asked of adults', adult, ''],
])("child's account: %s", (_name, answers, childAccount) => {
  expect(facts(answers).childAccount).toBe(childAccount);
});

test.each<[string, Answers['outcome'], string]>([
  ['Suspect, made', { ...child.outcome, concernLevel: 'suspect', referral: 'made' }, 'made'],
  ['Consider, next working day', { ...child.outcome, concernLevel: 'consider', referral: 'next-working-day' }, 'next-working-day'],
  ['an answer left behind under No concern is not read', { ...child.outcome, concernLevel: 'no-concern', referral: 'made' }, ''],
])('referral: %s', (_name, outcome, referral) => {
  expect(facts({ ...child, outcome }).referral).toBe(referral);
});
