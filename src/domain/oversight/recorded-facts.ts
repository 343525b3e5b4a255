/**
 * The compliance-audit inputs an attendance's sealed summary carries besides the screens,
 * follow-ups and letters (PRODUCT.md section 6 "Compliance audit"; issue 12 clarification:
 * "sealed summaries that carry the indicator inputs — never by opening every full record").
 *
 * Owns: reading, from the answers as they now read, whether next of kin, parental
 * responsibility (under 18), the accompanying person and the child's own account are
 * recorded, and the MASH referral answer. Only states, never names or words: the summary is
 * decrypted once per row of every list.
 *
 * "Recorded" follows the rule every mandatory item follows (PRODUCT.md section 2): an answer,
 * or an explicit reason why not. The two are kept apart so the audit could tell them apart.
 */
import type { AssessmentContext } from '../assessment/context';
import type { Answers } from '../assessment/record';
import { nextOfKinPerson, peopleWithParentalResponsibility } from '../assessment/people';
import { isBlank } from '../shared/text';

/** '' not recorded; 'named' a person is named; 'reason' an explicit answer why not (declined, not able, none can be named). */
export type RecordedState = '' | 'named' | 'reason';

export interface RecordedFacts {
  nextOfKin: RecordedState;
  /** Under 18 only ('' otherwise): someone with parental responsibility named, or why no one can be. */
  parentalResponsibility: RecordedState;
  /** 'alone': the patient came alone; 'named': someone with them is named. */
  companion: '' | 'alone' | 'named';
  /** Under 18 only: the child's account in their words ('given'), or the reason they could not give one. */
  childAccount: '' | 'given' | 'reason';
  /** The MASH referral answer while the concern is Consider or Suspect (outcome.referralApplies), else ''. */
  referral: '' | 'made' | 'not-made' | 'next-working-day';
}

export function recordedFacts(answers: Answers, ctx: AssessmentContext): RecordedFacts {
  const { people, accounts, outcome } = answers;
  const nok = nextOfKinPerson(people);
  const nextOfKin: RecordedState =
    nok !== undefined && !isBlank(nok.fullName)
      ? 'named'
      : people.nextOfKin.answer === 'declined' || people.nextOfKin.answer === 'none-named' || (people.nextOfKin.answer === 'not-able' && !isBlank(people.nextOfKin.notAbleReason))
        ? 'reason'
        : '';
  const child = ctx.pathway.child;
  const parentalResponsibility: RecordedState = !child
    ? ''
    : peopleWithParentalResponsibility(people).length > 0
      ? 'named'
      : !isBlank(people.noParentalResponsibilityReason)
        ? 'reason'
        : '';
  const companion =
    people.accompaniedBy === 'alone' ? 'alone' : people.accompaniedBy === 'accompanied' && people.companions.some((person) => !isBlank(person.fullName)) ? 'named' : '';
  const childAccount = !child
    ? ''
    : !isBlank(accounts.childAccount)
      ? 'given'
      : accounts.childAccountNotGiven && accounts.childAccountNotGivenReason !== ''
        ? 'reason'
        : '';
  const referralAsked = outcome.concernLevel === 'consider' || outcome.concernLevel === 'suspect';
  return { nextOfKin, parentalResponsibility, companion, childAccount, referral: referralAsked ? outcome.referral : '' };
}
